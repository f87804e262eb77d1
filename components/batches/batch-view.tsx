'use client';

import { useSearchParams } from 'next/navigation';
import type { BatchDetail } from '@/lib/batches/types';
import { ApiError } from '../api/client';
import { useBatch, useBatchAction, type BatchAction } from '../api/batch-hooks';
import { useCan } from '../auth/use-me';
import { formatTimestamp } from '../format';
import { JobStateBadge } from '../jobs/job-state-badge';
import { jobPageHref } from '../jobs/flow-tree';
import { ConnectionLink } from '../layout/connection-link';
import { Freshness } from '../layout/freshness';
import { PageHeader } from '../layout/page-header';
import { buttonClass } from '../ui/button-styles';
import { useConfirm } from '../ui/confirm-dialog';
import { DataTable } from '../ui/data-table';
import { EmptyState, ErrorState, Panel } from '../ui/panel';
import { batchActions } from './batch-format';
import { BatchProgressBar } from './batch-progress';
import { BatchStateBadge } from './batch-state';

const cell = 'py-2 pr-4';

function BatchActions({ batch }: { batch: BatchDetail }) {
  const action = useBatchAction(batch.id, batch.prefix);
  const { ask, dialog } = useConfirm();
  const run = async (kind: BatchAction) => {
    const confirmed =
      kind === 'retry'
        ? await ask({ title: `Retry ${batch.failed} failed job${batch.failed === 1 ? '' : 's'}?`, body: 'Each goes back to waiting and counts as pending in the batch again.', confirmLabel: `Retry ${batch.failed}` })
        : await ask({ title: 'Cancel this batch?', body: `Its ${batch.pending} job${batch.pending === 1 ? '' : 's'} still to run will be skipped by the workers; jobs already running finish.`, confirmLabel: 'Cancel batch', destructive: true });
    if (confirmed) action.mutate(kind);
  };
  return (
    <>
      {dialog}
      {batchActions(batch).map((kind) => (
        <button
          key={kind}
          type="button"
          data-testid={`batch-${kind}`}
          disabled={action.isPending}
          onClick={() => void run(kind)}
          className={buttonClass(kind === 'cancel' ? 'danger' : 'default')}
        >
          {kind === 'retry' ? 'Retry failed' : 'Cancel batch'}
        </button>
      ))}
    </>
  );
}

export function BatchView({ id }: { id: string }) {
  const prefix = useSearchParams().get('prefix') ?? undefined;
  const canAct = useCan('operator');
  const { data: batch, error, isError, isPending, dataUpdatedAt } = useBatch(id, prefix);

  if (error instanceof ApiError && error.status === 404) {
    return (
      <EmptyState title={`Batch ${id} was not found`} testId="batch-not-found">
        {error.message}{' '}
        <ConnectionLink href="/batches" className="text-sky-700 underline">
          All batches
        </ConnectionLink>
      </EmptyState>
    );
  }
  return (
    <div>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            <span data-testid="batch-name">{batch?.name ?? 'Batch'}</span>
            {batch ? <BatchStateBadge state={batch.state} /> : null}
          </span>
        }
        subtitle={
          <ConnectionLink href="/batches" className="hover:underline">
            ← Batches
          </ConnectionLink>
        }
      >
        <Freshness dataUpdatedAt={dataUpdatedAt} isError={isError} />
        {batch && canAct ? <BatchActions batch={batch} /> : null}
      </PageHeader>
      {isPending ? <p className="text-sm text-slate-500">Loading batch…</p> : null}
      {isError && !batch ? <ErrorState error={error} /> : null}
      {batch ? (
        <div className="flex flex-col gap-4">
          <Panel>
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              <BatchProgressBar batch={batch} />
              <dl className="text-sm">
                <dt className="text-xs uppercase text-slate-500">Created</dt>
                <dd>{formatTimestamp(batch.createdAt)}</dd>
              </dl>
              <dl className="text-sm">
                <dt className="text-xs uppercase text-slate-500">Finished</dt>
                <dd>{batch.finishedAt !== null ? formatTimestamp(batch.finishedAt) : batch.cancelled ? 'cancelled, finishing' : '—'}</dd>
              </dl>
              <dl className="text-sm">
                <dt className="text-xs uppercase text-slate-500">Batch job</dt>
                <dd>
                  <ConnectionLink href={jobPageHref(batch.batchJob)} className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400" data-testid="batch-job-link">
                    {batch.batchJob.queue} #{batch.batchJob.id}
                  </ConnectionLink>
                  <div className="text-xs text-slate-500">{batch.allowFailures ? 'failures allowed' : 'the first failure cancels the rest'}</div>
                </dd>
              </dl>
            </div>
          </Panel>
          <Panel title={`Jobs (${batch.total.toLocaleString('en-US')})`}>
            {batch.jobs.length === 0 ? (
              <p className="text-sm text-slate-500">This batch has no jobs left to show (its batch job was removed).</p>
            ) : (
              <>
                <DataTable
                  testId="batch-jobs"
                  columns={[{ label: 'State' }, { label: 'Job' }, { label: 'Queue' }, { label: 'Failure' }]}
                >
                  {batch.jobs.map((job) => (
                    <tr key={`${job.prefix}:${job.queue}:${job.id}`} data-testid="batch-job" data-job-id={job.id} className="border-t border-slate-100 dark:border-slate-800">
                      <td className={cell}>
                        <JobStateBadge state={job.state} testId="batch-job-state" />
                      </td>
                      <td className={cell}>
                        <ConnectionLink href={job.href} className="font-mono text-sky-700 hover:underline dark:text-sky-400" data-testid="batch-job-link">
                          #{job.id}
                        </ConnectionLink>{' '}
                        <span className="text-slate-500">{job.name ?? '(removed)'}</span>
                      </td>
                      <td className={cell}>{job.queue}</td>
                      <td className="max-w-md truncate py-2 text-xs text-red-700 dark:text-red-400">{job.failedReason ?? ''}</td>
                    </tr>
                  ))}
                </DataTable>
                {batch.jobs.length < batch.total ? <p className="mt-2 text-xs text-slate-500">Showing {batch.jobs.length} of {batch.total.toLocaleString('en-US')} jobs: failed ones first, then those still to finish.</p> : null}
              </>
            )}
          </Panel>
        </div>
      ) : null}
    </div>
  );
}
