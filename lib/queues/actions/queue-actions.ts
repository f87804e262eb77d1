import type { RedisClient } from '../../redis';
import type { QueueRef } from '../types';
import { bullQueue } from './bull-queue';

/** Workers stop taking new jobs; running ones finish. Idempotent, like BullMQ's Queue.pause. */
export async function pauseQueue(redis: RedisClient, ref: QueueRef): Promise<void> {
  await bullQueue(redis, ref).pause();
}

export async function resumeQueue(redis: RedisClient, ref: QueueRef): Promise<void> {
  await bullQueue(redis, ref).resume();
}
