import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord } from './codec';
import { addJob, emptyRecord, mergeRecord, type MetricRecord } from './record';

function busyRecord(): MetricRecord {
  const record = emptyRecord();
  for (let i = 0; i < 50; i++) addJob(record, i % 10 === 0 ? 'failed' : 'completed', i * 3, 40 + i);
  addJob(record, 'retried', null, 12);
  record.gauges = { waiting: 12, prioritized: 0, active: 3, delayed: 1, failedTotal: 40, oldestWaitMs: null, workers: 2 };
  return record;
}

describe('record codec', () => {
  it('round-trips a record', () => {
    const record = busyRecord();
    expect(decodeRecord(encodeRecord(record))).toEqual(record);
  });

  it('writes empty parts for zero counters, missing gauges and empty histograms', () => {
    expect(encodeRecord(emptyRecord())).toBe('|||');
    const gaugesOnly = { ...emptyRecord(), gauges: { waiting: 1, prioritized: 2, active: 3, delayed: 4, failedTotal: 5, oldestWaitMs: 6, workers: 7 } };
    expect(encodeRecord(gaugesOnly)).toBe('|1,2,3,4,5,6,7||');
  });

  it('writes histograms as a first bucket and consecutive counts', () => {
    const record = emptyRecord();
    addJob(record, 'completed', 2, 1024);
    addJob(record, 'completed', 4, 1024);
    expect(encodeRecord(record)).toBe('2,0,0,6,4,2048,1024||4:1,0,0,0,1|40:2');
  });

  it('keeps a busy minute short', () => {
    expect(encodeRecord(busyRecord()).length).toBeLessThan(160);
  });

  it('merges like the sum of the two records', () => {
    const a = busyRecord();
    const b = busyRecord();
    b.gauges = { ...(b.gauges as NonNullable<MetricRecord['gauges']>), waiting: 30, oldestWaitMs: 5000 };
    const merged = decodeRecord(encodeRecord(mergeRecord(decodeRecord(encodeRecord(a)), b)));
    expect(merged.completed).toBe(2 * a.completed);
    expect(merged.gauges).toMatchObject({ waiting: 30, oldestWaitMs: 5000, active: 3 });
    expect(merged.runtimeMaxMs).toBe(a.runtimeMaxMs);
  });
});
