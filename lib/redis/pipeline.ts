import type { ChainableCommander } from 'ioredis';
import { isCluster, type RedisClient } from './client';

export type PipelineResult = [Error | null, unknown][];

/** A per-command error caused by the data (a key of the wrong type), as opposed to Redis being unreachable. */
export function isDataError(error: Error): boolean {
  return error.message.startsWith('WRONGTYPE') || error.message.startsWith('ERR value is not');
}

/**
 * Runs a pipeline and keeps per-command answers, but rethrows the first error that is not about the data:
 * a dropped connection must become a 503, never a page of zeros.
 */
export async function execPipeline(pipeline: ChainableCommander): Promise<PipelineResult> {
  const results = ((await pipeline.exec()) ?? []) as PipelineResult;
  const fatal = results.find(([error]) => error !== null && !isDataError(error));
  if (fatal?.[0]) throw fatal[0];
  return results;
}

/**
 * Runs the commands `add` queues for each item and answers each item's results, in order. On one Redis every item
 * shares one pipeline (one round trip). On a cluster a pipeline may only hold keys of one slot, so items are grouped
 * by `slotOf(item)` (the hashed part of their keys, see keys.ts hashedPart) into one pipeline per group, all sent
 * at once.
 */
export async function execPerItem<T>(
  client: RedisClient,
  items: readonly T[],
  slotOf: (item: T) => string,
  add: (pipeline: ChainableCommander, item: T) => void,
): Promise<PipelineResult[]> {
  const groups = new Map<string, number[]>();
  items.forEach((item, index) => {
    const group = isCluster(client) ? slotOf(item) : '';
    const members = groups.get(group);
    if (members) members.push(index);
    else groups.set(group, [index]);
  });
  const answers: PipelineResult[] = new Array<PipelineResult>(items.length);
  await Promise.all(
    [...groups.values()].map(async (indexes) => {
      const pipeline = client.pipeline();
      const sizes = indexes.map((index) => {
        const before = pipeline.length;
        add(pipeline, items[index] as T);
        return pipeline.length - before;
      });
      const results = sizes.some((size) => size > 0) ? await execPipeline(pipeline) : [];
      let offset = 0;
      indexes.forEach((index, position) => {
        const size = sizes[position] ?? 0;
        answers[index] = results.slice(offset, offset + size);
        offset += size;
      });
    }),
  );
  return answers;
}
