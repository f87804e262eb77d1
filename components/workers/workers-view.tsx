'use client';

import { useWorkers } from '../api/hooks';
import { Freshness } from '../layout/freshness';
import { PageHeader } from '../layout/page-header';
import { EmptyState, ErrorState, Panel } from '../ui/panel';
import { SupervisorTable } from './supervisor-table';
import { useNow } from './use-now';
import { WorkerTable } from './worker-table';

export function WorkersView() {
  const { data, error, isError, isPending, dataUpdatedAt } = useWorkers();
  const now = useNow();
  const stale = isError && data !== undefined;
  return (
    <div>
      <PageHeader title="Workers" subtitle="Worker processes from their heartbeats, their supervisors, and plain BullMQ workers.">
        <Freshness dataUpdatedAt={dataUpdatedAt} isError={isError} />
      </PageHeader>
      {isPending ? <p className="text-sm text-slate-500">Loading workers…</p> : null}
      {isError && !data ? <ErrorState error={error} /> : null}
      {data ? (
        <div className={`flex flex-col gap-6 ${stale ? 'opacity-60' : ''}`}>
          {data.supervisors.length > 0 ? (
            <Panel title="Supervisors">
              <SupervisorTable supervisors={data.supervisors} now={now} />
            </Panel>
          ) : null}
          <Panel title="Workers">
            {data.workers.length === 0 ? (
              <EmptyState title="No workers" testId="no-workers">
                Start one with <code>lookout work --queue=default --jobs=./jobs.ts</code> or <code>lookout supervise</code>; plain BullMQ
                workers show up here too while they are connected.
              </EmptyState>
            ) : (
              <WorkerTable workers={data.workers} now={now} />
            )}
          </Panel>
        </div>
      ) : null}
    </div>
  );
}
