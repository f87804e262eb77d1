'use client';

import { useState } from 'react';
import { useQueues } from '../api/hooks';
import { formatCount } from '../format';
import { Freshness } from '../layout/freshness';
import { PageHeader } from '../layout/page-header';
import { OverviewMetrics } from '../metrics/overview-metrics';
import { EmptyState, ErrorState, Panel } from '../ui/panel';
import { SearchInput } from '../ui/search-input';
import { Stat } from '../ui/stat';
import { DEFAULT_QUEUE_ORDER, orderQueues } from './queue-order';
import { QueueTable } from './queue-table';

export function Overview() {
  const { data, error, isError, isPending, dataUpdatedAt } = useQueues();
  const queues = data?.queues ?? [];
  const total = (key: 'waiting' | 'active' | 'delayed' | 'failed') => queues.reduce((sum, queue) => sum + queue.counts[key], 0);
  const stale = isError && data !== undefined;
  const [order, setOrder] = useState(DEFAULT_QUEUE_ORDER);
  const shown = orderQueues(queues, order);

  return (
    <div>
      <PageHeader title="Overview" subtitle="Every BullMQ queue Lookout found, refreshed every 3 seconds.">
        <Freshness dataUpdatedAt={dataUpdatedAt} isError={isError} />
      </PageHeader>
      {isPending ? <p className="text-sm text-slate-500">Loading queues…</p> : null}
      {isError && !data ? <ErrorState error={error} /> : null}
      {data ? (
        <div className={`flex flex-col gap-6 ${stale ? 'opacity-60' : ''}`}>
          <div className="grid grid-cols-2 gap-4 md:grid-cols-5">
            <Stat label="Queues" value={formatCount(queues.length)} testId="stat-queues" />
            <Stat label="Waiting" value={formatCount(total('waiting'))} testId="stat-waiting" />
            <Stat label="Active" value={formatCount(total('active'))} testId="stat-active" />
            <Stat label="Delayed" value={formatCount(total('delayed'))} testId="stat-delayed" />
            <Stat label="Failed" value={formatCount(total('failed'))} testId="stat-failed" />
          </div>
          <OverviewMetrics />
          <Panel
            title={
              <span className="flex flex-wrap items-center justify-between gap-2 normal-case tracking-normal">
                <span className="uppercase tracking-wide">Queues{order.filter ? ` · ${shown.length} of ${queues.length}` : ''}</span>
                {queues.length > 0 ? (
                  <SearchInput value={order.filter} onChange={(filter) => setOrder({ ...order, filter })} label="Filter queues" placeholder="Filter queues by name" testId="queue-filter" width="w-64" />
                ) : null}
              </span>
            }
          >
            {queues.length === 0 ? (
              <EmptyState title="No queues yet" testId="no-queues">
                Lookout looks for BullMQ queues under the prefix{data.prefixes.length > 1 ? 'es' : ''}{' '}
                <code>{data.prefixes.join(', ')}</code>. Add a job with BullMQ (<code>new Queue(&apos;emails&apos;).add(…)</code>), run{' '}
                <code>npm run demo</code> for sample traffic, or set <code>LOOKOUT_PREFIXES</code> if your queues use another prefix.
              </EmptyState>
            ) : (
              <>
                <QueueTable queues={shown} showPrefix={data.prefixes.length > 1} order={order} onOrderChange={setOrder} />
                {shown.length === 0 ? (
                  <p className="py-4 text-center text-sm text-slate-500" data-testid="no-matching-queues">
                    No queue name contains “{order.filter}”.
                  </p>
                ) : null}
              </>
            )}
          </Panel>
        </div>
      ) : null}
    </div>
  );
}
