import type { Redis } from 'ioredis';
import type { QueueRef } from '../types';
import { bullQueue } from './bull-queue';

/** Workers stop taking new jobs; running ones finish. Idempotent, like BullMQ's Queue.pause. */
export async function pauseQueue(redis: Redis, ref: QueueRef): Promise<void> {
  await bullQueue(redis, ref).pause();
}

export async function resumeQueue(redis: Redis, ref: QueueRef): Promise<void> {
  await bullQueue(redis, ref).resume();
}
