import type { Redis } from 'ioredis';
import { isCluster, type RedisClient } from './client';

/**
 * The servers holding data: the client itself, or every master of a cluster. SCAN and CLIENT LIST answer for the
 * server they are sent to, so whatever walks the keyspace or the connections asks each of these.
 */
export function dataNodes(client: RedisClient): Redis[] {
  if (!isCluster(client)) return [client];
  const masters = client.nodes('master');
  // Before the slot map is loaded a cluster knows no master: an empty answer would read as "no queues".
  if (masters.length === 0) throw new Error("Cluster isn't ready: no master is known yet");
  return masters;
}

/** Every key matching `pattern`, a SCAN batch at a time, over every master (never KEYS: Redis is never blocked). */
export async function* scanKeys(client: RedisClient, pattern: string, count: number): AsyncGenerator<string[]> {
  for (const node of dataNodes(client)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length) yield keys;
    } while (cursor !== '0');
  }
}

/**
 * CLIENT LIST of every master, one text per node. Managed services often forbid CLIENT LIST: a node that refuses
 * answers with an empty list, so worker counts read 0 instead of failing the page.
 */
export function clientLists(client: RedisClient): Promise<string[]> {
  return Promise.all(dataNodes(client).map((node) => node.client('LIST').then(String, () => '')));
}
