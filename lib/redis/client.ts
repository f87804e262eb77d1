import type { Cluster, Redis } from 'ioredis';

/**
 * A connection Lookout reads and writes through: one Redis, or a Redis Cluster. Both speak the same commands;
 * what differs is that a cluster's pipelines, MULTIs and scripts must keep their keys in one hash slot, and that
 * SCAN and CLIENT LIST answer for one node only (see nodes.ts).
 */
export type RedisClient = Redis | Cluster;

export function isCluster(client: RedisClient): client is Cluster {
  return client.isCluster;
}
