import { describe, expect, it } from 'vitest';
import { hashedPart } from '../redis';
import { MetricsBatch } from './batch';
import { mergePlans, planSize, planWrites, splitByShard } from './write';
import { buildTiers } from './tiers';

const tiers = buildTiers();
const now = Date.UTC(2026, 0, 1, 12, 0, 0);
const options = { namespace: 'ns', tiers, now, runtimeMarkerTtlMs: 60_000 };

function batchOf(jobs: Array<[prefix: string, queue: string, name: string]>): MetricsBatch {
  const batch = new MetricsBatch();
  for (const [prefix, queue, name] of jobs) batch.add(prefix, queue, name, 'completed', now - 1000, 10, 20);
  return batch;
}

describe('planned metrics writes', () => {
  it('split into one part per hash tag: one per queue, one for the all-queues series', () => {
    const plan = planWrites(batchOf([['{a}', 'emails', 'x'], ['{a}', 'emails', 'y'], ['bull', '{b}', 'x']]), options);
    const parts = splitByShard(plan);
    expect([...parts.keys()].sort()).toEqual(['ns:metrics', 'ns:metrics:%257Ba%257D:emails', 'ns:metrics:bull:%257Bb%257D'].sort());
    for (const [shard, part] of parts) {
      const keys = [...part.windows.keys(), ...part.totals.keys(), ...part.jobNames.keys(), ...part.runtimeMarkers];
      expect(keys.every((key) => hashedPart(key) === shard)).toBe(true);
    }
    // Nothing lost in the split.
    expect([...parts.values()].reduce((sum, part) => sum + planSize(part), 0)).toBe(planSize(plan));
  });

  it('merge what did not land into the next flush, adding counts up', () => {
    const older = planWrites(batchOf([['bull', 'emails', 'x']]), options);
    const newer = planWrites(batchOf([['bull', 'emails', 'x'], ['bull', 'sms', 'y']]), options);
    const merged = mergePlans(newer, older);
    const totals = [...merged.totals.entries()].map(([key, record]) => `${key} ${record.completed}`).sort();
    expect(totals).toEqual(['{ns:metrics:bull:emails}:totals 2', '{ns:metrics:bull:sms}:totals 1']);
    const all = [...merged.windows.values()].filter((write) => write.key.startsWith('{ns:metrics}:1m:'));
    expect(all.flatMap((write) => [...write.slots.values()].map((record) => record.completed))).toEqual([3]);
  });
});
