import type { FlowJob, FlowJobNode, JobNode } from 'bullmq';
import { flowJobOptions, type BullJobSpec } from './job-options';

/**
 * A chain as a BullMQ flow: each job is the only child of the job after it, so BullMQ runs them first to
 * last, and `failParentOnFailure` fails the rest of the chain when one job fails for good.
 */
export function chainFlow(specs: readonly BullJobSpec[], prefix: string): FlowJob {
  let node: FlowJobNode | null = null;
  for (const [index, spec] of specs.entries()) {
    const opts = index === specs.length - 1 ? flowJobOptions(spec) : { ...flowJobOptions(spec), failParentOnFailure: true };
    node = { name: spec.name, queueName: spec.queue, data: spec.data, prefix, opts, ...(node ? { children: [node] } : {}) } as FlowJobNode;
  }
  if (!node) throw new Error('chainFlow needs at least one job');
  return node as FlowJob;
}

/** Job ids of a chain's flow, first job first. */
export function chainJobIds(root: JobNode): string[] {
  const ids: string[] = [];
  let node: JobNode | undefined = root;
  while (node) {
    ids.push(node.job.id ?? '');
    node = node.children?.[0];
  }
  return ids.reverse();
}
