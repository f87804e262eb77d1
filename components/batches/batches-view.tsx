'use client';

import type { BatchView } from '@/lib/batches/types';
import { useBatches } from '../api/batch-hooks';
import { formatAgo, formatTimestamp } from '../format';
import { ConnectionLink } from '../layout/connection-link';
import { Freshness } from '../layout/freshness';
import { PageHeader } from '../layout/page-header';
import { DataTable } from '../ui/data-table';
import { useNow } from '../workers/use-now';
import { EmptyState, ErrorState, Panel } from '../ui/panel';
import { BatchProgressBar } from './batch-progress';
import { BatchStateBadge } from './batch-state';

const cell = 'py-2 pr-4 align-top';

export function batchHref(batch: Pick<BatchView, 'id' | 'prefix'>): string {
  return `/batches/${encodeURIComponent(batch.id)}?prefix=${encodeURIComponent(batch.prefix)}`;
}

function NoBatches() {
  return (
    <EmptyState title="No batches yet" testId="batches-empty">
      <p>A batch is a group of jobs dispatched together with the worker runtime and tracked as one:</p>
      <pre className="mx-auto mt-3 max-w-xl whitespace-pre-wrap rounded-md bg-slate-100 p-3 text-left font-mono text-xs text-slate-700 dark:bg-slate-950 dark:text-slate-200">
        {`import { batch } from './workers';

await batch(rows.map((row) => importRow.with(row)))
  .name('nightly import')
  .allowFailures()
  .then(notifyDone)
  .dispatch();`}
      </pre>
      <p className="mt-3">Batches appear here with their progress as soon as they are dispatched, and stay for 7 days.</p>
    </EmptyState>
  );
}

export function BatchesView() {
  const { data, error, isError, isPending, dataUpdatedAt } = useBatches();
  const now = useNow();
  const batches = data?.batches ?? [];
  return (
    <div>
      <PageHeader title="Batches" subtitle="Groups of jobs dispatched together with the worker runtime (batch(…).dispatch()), newest first.">
        <Freshness dataUpdatedAt={dataUpdatedAt} isError={isError} />
      </PageHeader>
      {isPending ? <p className="text-sm text-slate-500">Loading batches…</p> : null}
      {isError && !data ? <ErrorState error={error} /> : null}
      {data && batches.length === 0 ? <NoBatches /> : null}
      {batches.length > 0 ? (
        <Panel>
          <DataTable
            testId="batch-table"
            columns={[
              { label: 'Batch' },
              { label: 'State' },
              { label: 'Progress' },
              { label: 'Total', align: 'right' },
              { label: 'Pending', align: 'right' },
              { label: 'Failed', align: 'right' },
              { label: 'Created' },
            ]}
          >
            {batches.map((batch) => (
              <tr key={`${batch.prefix}:${batch.id}`} data-testid="batch-row" data-batch-id={batch.id} data-batch-name={batch.name ?? ''} className="border-t border-slate-100 dark:border-slate-800">
                <td className={`${cell} max-w-xs`}>
                  <ConnectionLink href={batchHref(batch)} className="font-medium text-sky-700 hover:underline dark:text-sky-400" data-testid="batch-link">
                    {batch.name ?? 'unnamed batch'}
                  </ConnectionLink>
                  <div className="truncate font-mono text-xs text-slate-500">
                    {batch.id} · {batch.queue}
                  </div>
                </td>
                <td className={cell}>
                  <BatchStateBadge state={batch.state} />
                </td>
                <td className={cell}>
                  <BatchProgressBar batch={batch} />
                </td>
                <td className={`${cell} text-right tabular-nums`}>{batch.total.toLocaleString('en-US')}</td>
                <td className={`${cell} text-right tabular-nums`} data-testid="batch-pending">
                  {batch.pending.toLocaleString('en-US')}
                </td>
                <td className={`${cell} text-right tabular-nums`} data-testid="batch-failed">
                  {batch.failed.toLocaleString('en-US')}
                </td>
                <td className="py-2 align-top text-xs text-slate-500" title={formatTimestamp(batch.createdAt)}>
                  {formatAgo(batch.createdAt, now)}
                </td>
              </tr>
            ))}
          </DataTable>
        </Panel>
      ) : null}
    </div>
  );
}
