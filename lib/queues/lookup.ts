import { conflict, notFound } from '../errors';
import { BULL_SUFFIX, execPerItem, hashedPart, isCluster, queueHashTag, queueKey, type RedisClient } from '../redis';
import { SPREAD_OVER_SLOTS } from './summaries';
import type { QueueRef } from './types';

const EXISTENCE_SUFFIXES = Object.values(BULL_SUFFIX);

/**
 * Resolves a queue name to the prefix that holds it (the first configured prefix wins), or throws NotFound.
 * Checks the keys directly rather than the discovery cache, so a queue created a moment ago is found.
 * On a cluster, a queue whose keys spread over slots is refused (409): neither its pages nor BullMQ's scripts work.
 */
export async function findQueue(redis: RedisClient, prefixes: readonly string[], name: string, prefix?: string): Promise<QueueRef> {
  const candidates = prefix ? prefixes.filter((p) => p === prefix) : prefixes;
  // One EXISTS per key, grouped by slot: on a cluster a pipeline or a multi-key command must stay in one slot.
  const keys = candidates.flatMap((candidate) => EXISTENCE_SUFFIXES.map((suffix) => ({ candidate, key: queueKey(candidate, name, suffix) })));
  const results = await execPerItem(redis, keys, ({ key }) => hashedPart(key), (pipeline, { key }) => pipeline.exists(key));
  const existing = new Set(keys.filter((_, index) => results[index]?.some(([error, count]) => !error && Number(count) > 0)).map(({ candidate }) => candidate));
  const found = candidates.find((candidate) => existing.has(candidate));
  if (found === undefined) throw notFound(`Queue "${name}" was not found${prefix ? ` under prefix "${prefix}"` : ''}.`);
  if (isCluster(redis) && queueHashTag(found, name) === null) throw conflict(`Queue "${name}" cannot be used: ${SPREAD_OVER_SLOTS}.`);
  return { prefix: found, name };
}
