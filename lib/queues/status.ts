import type { RedisClient } from '../redis';
import { BULL_SUFFIX, jobKey, queueKey } from '../redis';
import { parseJson } from './job-parser';
import type { JobState, QueueRef } from './types';

/** What an application polls for a job it created: small, and read in one round trip. */
export interface JobStatus {
  state: JobState | 'unknown';
  progress: unknown;
  /** Only once the job completed. */
  returnvalue?: unknown;
  /** The last failure, while the job is failed or waiting for another attempt. */
  failedReason?: string;
}

const STATUS_STATES: { state: JobState; suffix: (typeof BULL_SUFFIX)[keyof typeof BULL_SUFFIX]; kind: 'zset' | 'list' }[] = [
  { state: 'completed', suffix: BULL_SUFFIX.completed, kind: 'zset' },
  { state: 'failed', suffix: BULL_SUFFIX.failed, kind: 'zset' },
  { state: 'delayed', suffix: BULL_SUFFIX.delayed, kind: 'zset' },
  { state: 'prioritized', suffix: BULL_SUFFIX.prioritized, kind: 'zset' },
  { state: 'waiting-children', suffix: BULL_SUFFIX.waitingChildren, kind: 'zset' },
  { state: 'active', suffix: BULL_SUFFIX.active, kind: 'list' },
  { state: 'waiting', suffix: BULL_SUFFIX.wait, kind: 'list' },
  { state: 'waiting', suffix: BULL_SUFFIX.paused, kind: 'list' },
];

/**
 * A job's state and progress fields in one call. The sorted sets are asked first (O(log n)) and the lists last,
 * stopping at the first that holds the id, so a finished job never costs a scan of a long wait list. A key of the
 * wrong type (another client's data, damage) is passed over instead of failing the call.
 * KEYS[1] job hash; KEYS[2..n] the state keys in STATUS_STATES order
 * ARGV[1] job id; ARGV[2..n] 'z' or 'l' for each state key
 * Returns { state index (0 = none, -1 = no job at all), progress, returnvalue, failedReason }
 */
const JOB_STATUS = `
local jobType = redis.call('TYPE', KEYS[1])['ok']
local fields = { false, false, false }
if jobType == 'hash' then fields = redis.call('HMGET', KEYS[1], 'progress', 'returnvalue', 'failedReason') end
for i = 2, #KEYS do
  local keyType = redis.call('TYPE', KEYS[i])['ok']
  local found
  if ARGV[i] == 'z' and keyType == 'zset' then found = redis.call('ZSCORE', KEYS[i], ARGV[1])
  elseif ARGV[i] == 'l' and keyType == 'list' then found = redis.call('LPOS', KEYS[i], ARGV[1]) end
  if found then return { i - 1, fields[1], fields[2], fields[3] } end
end
if jobType == 'none' then return { -1 } end
return { 0, fields[1], fields[2], fields[3] }`;

function parsedValue(raw: string | null | undefined): unknown {
  const parsed = parseJson(raw ?? undefined);
  if (!parsed) return null;
  return parsed.ok ? parsed.value : parsed.raw;
}

export async function readJobStatus(redis: RedisClient, ref: QueueRef, id: string): Promise<JobStatus | null> {
  const keys = [jobKey(ref.prefix, ref.name, id), ...STATUS_STATES.map(({ suffix }) => queueKey(ref.prefix, ref.name, suffix))];
  const kinds = STATUS_STATES.map(({ kind }) => (kind === 'zset' ? 'z' : 'l'));
  const [index, progress, returnvalue, failedReason] = (await redis.eval(JOB_STATUS, keys.length, ...keys, id, ...kinds)) as [number, string | null, string | null, string | null];
  if (index === -1) return null;
  const state = index === 0 ? 'unknown' : (STATUS_STATES[index - 1]?.state ?? 'unknown');
  return {
    state,
    progress: progress === null || progress === undefined ? 0 : parsedValue(progress),
    ...(state === 'completed' ? { returnvalue: parsedValue(returnvalue) } : {}),
    ...(failedReason ? { failedReason } : {}),
  };
}
