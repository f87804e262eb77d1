import type { RedisClient } from '../redis';
import { isFinishedState, STATE_SOURCES, type JobState, type QueueRef } from '../queues';
import { execPipeline, jobKey, queueKey } from '../redis';

/**
 * Where each job stands now, as a stamp that changes whenever the job leaves its state: its score in the state's
 * sorted set (a job that failed again after a retry has a new finish time, hence a new stamp), or "1" while a job
 * of the `wait` list still exists (finding an id in a list is O(n), its hash is O(1)). null: the job is no longer
 * where the operation found it, or (for finished jobs) finished after the operation started.
 */
export async function stampsOf(redis: RedisClient, ref: QueueRef, state: JobState, ids: readonly string[], finishedBy: number): Promise<(string | null)[]> {
  if (ids.length === 0) return [];
  const source = STATE_SOURCES[state];
  const key = queueKey(ref.prefix, ref.name, source.suffix);
  const pipeline = redis.pipeline();
  for (const id of ids) {
    if (source.kind === 'zset') pipeline.zscore(key, id);
    else pipeline.exists(jobKey(ref.prefix, ref.name, id));
  }
  const results = await execPipeline(pipeline);
  return ids.map((_, index) => {
    const [error, value] = results[index] ?? [null, null];
    if (error || value === null || value === 0) return null;
    if (source.kind === 'list') return '1';
    const stamp = String(value);
    return isFinishedState(state) && Number(stamp) > finishedBy ? null : stamp;
  });
}
