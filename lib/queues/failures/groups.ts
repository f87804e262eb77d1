import type { RedisClient } from '../../redis';
import { BULL_SUFFIX, execPipeline, queueKey } from '../../redis';
import type { QueueRef } from '../types';
import { readFailureRecords, type FailureRecord } from './records';

export interface FailureGroup {
  fingerprint: string;
  /** The newest failure's message, as thrown. */
  message: string;
  /** The message with its variable parts replaced, shared by every job of the group. */
  pattern: string;
  errorClass: string | null;
  topFrame: string | null;
  count: number;
  firstSeen: number | null;
  lastSeen: number | null;
  sampleJobId: string;
  sampleJobName: string | null;
}

export interface FailureGroups {
  groups: FailureGroup[];
  /** How many of the newest failed jobs were read; equal to `total` unless the set is larger than the sample. */
  sampled: number;
  total: number;
}

/**
 * Enough to see what is failing now without reading a huge failed set on every page view: with real stack traces
 * (about 2 KB per job) grouping 5,000 jobs reads about 10 MB and takes about 150 ms on the 2-core machine.
 */
export const FAILURE_SAMPLE_SIZE = 5000;
const READ_CHUNK = 1000;

function addToGroup(groups: Map<string, FailureGroup>, record: FailureRecord): void {
  const group = groups.get(record.fingerprint);
  if (!group) {
    // Records arrive newest first, so the first one seen is the group's newest failure.
    groups.set(record.fingerprint, {
      fingerprint: record.fingerprint,
      message: record.failedReason ?? '',
      pattern: record.pattern,
      errorClass: record.errorClass,
      topFrame: record.topFrame,
      count: 1,
      firstSeen: record.finishedOn,
      lastSeen: record.finishedOn,
      sampleJobId: record.id,
      sampleJobName: record.name,
    });
    return;
  }
  group.count += 1;
  if (record.finishedOn !== null) {
    group.firstSeen = group.firstSeen === null ? record.finishedOn : Math.min(group.firstSeen, record.finishedOn);
    group.lastSeen = group.lastSeen === null ? record.finishedOn : Math.max(group.lastSeen, record.finishedOn);
  }
}

/** Groups the newest `sampleSize` failed jobs by fingerprint, biggest group first. */
export async function readFailureGroups(redis: RedisClient, ref: QueueRef, sampleSize = FAILURE_SAMPLE_SIZE): Promise<FailureGroups> {
  const failedKey = queueKey(ref.prefix, ref.name, BULL_SUFFIX.failed);
  const [[idsError, ids], [totalError, total]] = (await execPipeline(
    redis.pipeline().zrevrange(failedKey, 0, sampleSize - 1).zcard(failedKey),
  )) as [[Error | null, string[]], [Error | null, number]];
  if (idsError) throw idsError;
  if (totalError) throw totalError;

  const groups = new Map<string, FailureGroup>();
  for (let start = 0; start < ids.length; start += READ_CHUNK) {
    const records = await readFailureRecords(redis, ref, ids.slice(start, start + READ_CHUNK));
    for (const record of records) addToGroup(groups, record);
  }
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count || (b.lastSeen ?? 0) - (a.lastSeen ?? 0));
  return { groups: sorted, sampled: ids.length, total };
}
