import type { ChainableCommander } from 'ioredis';

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
