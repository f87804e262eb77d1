'use client';

import { batchOfMember } from '@/lib/batches/ids';
import type { JobDetail, JobLocation } from '@/lib/queues/types';
import { ConnectionLink } from '../layout/connection-link';
import { JobStateBadge } from './job-state-badge';

/** The job page of a job that may live in another queue or prefix (always named: the same queue may exist under two). */
export function jobPageHref(job: JobLocation): string {
  return `/queues/${encodeURIComponent(job.queue)}/jobs/${encodeURIComponent(job.id)}?prefix=${encodeURIComponent(job.prefix)}`;
}

const link = 'font-mono text-sky-700 hover:underline dark:text-sky-400';

/** A BullMQ flow around a job: its parent (and the batch, when the parent is a runtime batch job) and its children. */
export function FlowTree({ job }: { job: JobDetail }) {
  const batchId = job.parent ? batchOfMember({ parent: { id: job.parent.id } }) : null;
  const counts = job.childCounts;
  const shown = job.children.length;
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="flow-tree">
      {job.parent ? (
        <p data-testid="flow-parent">
          Parent:{' '}
          <ConnectionLink href={jobPageHref(job.parent)} className={link} data-testid="flow-parent-link">
            {job.parent.queue} #{job.parent.id}
          </ConnectionLink>
          {batchId ? (
            <>
              {' · '}
              <ConnectionLink href={`/batches/${encodeURIComponent(batchId)}?prefix=${encodeURIComponent(job.parent.prefix)}`} className="text-sky-700 hover:underline dark:text-sky-400" data-testid="flow-batch-link">
                open the batch
              </ConnectionLink>
            </>
          ) : null}
        </p>
      ) : null}
      {counts.total > 0 ? (
        <div>
          <p className="mb-2 text-slate-600 dark:text-slate-300" data-testid="flow-child-counts">
            {counts.total.toLocaleString('en-US')} child job{counts.total === 1 ? '' : 's'}: {counts.pending.toLocaleString('en-US')} to finish ·{' '}
            {counts.completed.toLocaleString('en-US')} completed · {counts.failed.toLocaleString('en-US')} failed
            {shown < counts.total ? ` (showing ${shown})` : ''}
          </p>
          <ul className="flex flex-col gap-1 border-l border-slate-200 pl-3 dark:border-slate-700">
            {job.children.map((child) => (
              <li key={`${child.prefix}:${child.queue}:${child.id}`} className="flex flex-wrap items-center gap-2" data-testid="flow-child" data-child-id={child.id} data-child-queue={child.queue}>
                <JobStateBadge state={child.state} testId="flow-child-state" />
                <ConnectionLink href={jobPageHref(child)} className={link}>
                  {child.queue} #{child.id}
                </ConnectionLink>
                <span className="text-slate-500">{child.name ?? '(removed)'}</span>
                {child.failedReason ? <span className="truncate text-xs text-red-700 dark:text-red-400">{child.failedReason}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
