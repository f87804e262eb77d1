import type { Redis } from 'ioredis';
import { BULL_SUFFIX, execPipeline, queueKey } from '../redis';
import { notFound } from '../errors';
import type { QueueRef } from './types';

const EXISTENCE_SUFFIXES = Object.values(BULL_SUFFIX);

/**
 * Resolves a queue name to the prefix that holds it (the first configured prefix wins), or throws NotFound.
 * Checks the keys directly rather than the discovery cache, so a queue created a moment ago is found.
 */
export async function findQueue(redis: Redis, prefixes: readonly string[], name: string, prefix?: string): Promise<QueueRef> {
  const candidates = prefix ? prefixes.filter((p) => p === prefix) : prefixes;
  if (candidates.length) {
    const pipeline = redis.pipeline();
    for (const candidate of candidates) pipeline.exists(...EXISTENCE_SUFFIXES.map((suffix) => queueKey(candidate, name, suffix)));
    const results = (await execPipeline(pipeline)) as [Error | null, number][];
    const index = results.findIndex(([error, count]) => !error && count > 0);
    const found = candidates[index];
    if (index >= 0 && found !== undefined) return { prefix: found, name };
  }
  throw notFound(`Queue "${name}" was not found${prefix ? ` under prefix "${prefix}"` : ''}.`);
}
