import { Redis } from 'ioredis';
import { defineJob } from '../../workers';

/**
 * The job the chaos run dispatches, loaded by `lookout work --jobs=bench/support/chaos-jobs.ts`. It counts its
 * start, sleeps a moment (so kills land mid-job) and then counts its execution: a job whose worker died after this
 * count but before BullMQ marked it completed runs again and shows a count of 2 (at-least-once).
 */
export const CHAOS_QUEUE = 'chaos';

/** Outside every BullMQ prefix, so the dashboard never takes it for a queue. */
export function chaosExecutionsKey(prefix: string): string {
  return `chaos-bench:${prefix}:executions`;
}

/** Runs started: more starts than executions means a kill or the restart interrupted the job, which then ran again. */
export function chaosStartsKey(prefix: string): string {
  return `chaos-bench:${prefix}:starts`;
}

let client: Redis | null = null;
// Waits out a Redis restart instead of failing the attempt: the count is the measurement, not the chaos.
const redis = () => (client ??= new Redis(process.env.REDIS_URL ?? '', { maxRetriesPerRequest: null }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const chaos = defineJob({
  name: 'chaos',
  queue: CHAOS_QUEUE,
  handle: async (data: { ms: number }, ctx) => {
    await redis().hincrby(chaosStartsKey(ctx.job.prefix), ctx.job.id, 1);
    await sleep(data.ms);
    await redis().hincrby(chaosExecutionsKey(ctx.job.prefix), ctx.job.id, 1);
    return { pid: process.pid };
  },
});
