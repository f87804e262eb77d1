'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useState } from 'react';
import { JOB_STATES, type JobState } from '@/lib/queues/types';
import { AlertBadge } from '../alerts/alert-badge';
import { ApiError } from '../api/client';
import { useFailureGroups, useQueue, type QueueLocator } from '../api/hooks';
import { filterParams, type JobFilter } from '../api/search-hooks';
import { FailureGroupsPanel } from '../failures/failure-groups';
import { formatCount, formatDuration, formatPercent } from '../format';
import { JobsPanel } from '../jobs/jobs-panel';
import { ConnectionLink } from '../layout/connection-link';
import { Freshness } from '../layout/freshness';
import { PageHeader } from '../layout/page-header';
import { MetricsHeadline } from '../metrics/headline';
import { QueueMetrics } from '../metrics/queue-metrics';
import { QueueOperations } from '../operations/queue-operations';
import { EmptyState, ErrorState, Panel } from '../ui/panel';
import { useCan } from '../auth/use-me';
import { PauseButton } from './pause-button';
import { queueStatus } from './queue-status';
import { StateTabs } from './state-tabs';
import { StatusDot } from './status-dot';

export function QueueView({ queue }: { queue: string }) {
  const canAct = useCan('operator');
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const requestedState = searchParams.get('state');
  const state: JobState = JOB_STATES.includes(requestedState as JobState) ? (requestedState as JobState) : 'waiting';
  const locator: QueueLocator = { name: queue, prefix: searchParams.get('prefix') ?? undefined };
  const summary = useQueue(locator);
  const filter = filterFromUrl(searchParams, state);
  const failures = useFailureGroups(locator, filter.group !== undefined);
  const groupLabel = failures.data?.groups.find((group) => group.fingerprint === filter.group)?.pattern;
  const [started, setStarted] = useState<string[]>([]);
  const onOperationStarted = useCallback((id: string) => setStarted((ids) => [...ids, id]), []);

  const selectState = (next: JobState) => {
    const params = new URLSearchParams(searchParams.toString());
    params.set('state', next);
    // A failure group only narrows failed jobs.
    if (next !== 'failed') params.delete('group');
    router.replace(`${pathname}?${params.toString()}`);
  };

  const setFilter = (next: JobFilter) => {
    const params = new URLSearchParams(searchParams.toString());
    for (const key of FILTER_KEYS) params.delete(key);
    for (const [key, value] of Object.entries(filterParams(next))) params.set(key, value);
    router.replace(`${pathname}?${params.toString()}`);
  };

  if (summary.error instanceof ApiError && summary.error.status === 404) {
    return (
      <EmptyState title={`Queue "${queue}" was not found`} testId="queue-not-found">
        It has no keys in Redis under the configured prefixes. <ConnectionLink href="/" className="text-sky-700 underline">Back to all queues</ConnectionLink>
      </EmptyState>
    );
  }

  const data = summary.data;
  const status = data ? queueStatus(data) : null;
  return (
    <div>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {status ? <StatusDot status={status.status} reason={status.reason} /> : null}
            <span data-testid="queue-name">{queue}</span>
            {data?.paused ? <span className="rounded bg-indigo-100 px-2 py-0.5 text-sm text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">paused</span> : null}
            {data ? <AlertBadge alerts={data.alerts} /> : null}
          </span>
        }
        subtitle={
          <ConnectionLink href="/" className="hover:underline">
            ← All queues
          </ConnectionLink>
        }
      >
        <Freshness dataUpdatedAt={summary.dataUpdatedAt} isError={summary.isError} />
        {data && canAct ? <PauseButton queue={locator} paused={data.paused} /> : null}
      </PageHeader>
      {summary.isError && !data ? <ErrorState error={summary.error} /> : null}
      {data ? (
        <div className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-5">
          <Panel>
            <div className="text-xs uppercase text-slate-500">Oldest wait</div>
            <div className="text-xl font-semibold tabular-nums">{formatDuration(data.oldestWaitingAgeMs)}</div>
          </Panel>
          <Panel>
            <div className="text-xs uppercase text-slate-500">Jobs / min</div>
            <div className="text-xl font-semibold tabular-nums">{formatCount(data.throughputPerMinute)}</div>
          </Panel>
          <Panel>
            <div className="text-xs uppercase text-slate-500">Failure rate (5 min)</div>
            <div className="text-xl font-semibold tabular-nums">{formatPercent(data.failureRate)}</div>
          </Panel>
          <Panel>
            <div className="text-xs uppercase text-slate-500">Workers</div>
            <div className="text-xl font-semibold tabular-nums">{data.workers}</div>
          </Panel>
          <Panel>
            <div className="text-xs uppercase text-slate-500">Limits</div>
            <div className="text-sm">
              {data.settings.globalConcurrency ? `concurrency ${data.settings.globalConcurrency}` : 'no global concurrency'}
              <br />
              {data.settings.rateLimit ? `${data.settings.rateLimit.max} per ${formatDuration(data.settings.rateLimit.durationMs)}` : 'no rate limit'}
            </div>
          </Panel>
        </div>
      ) : null}
      {data ? <MetricsHeadline queue={locator} /> : null}
      {data?.problems.length ? (
        <div role="alert" data-testid="queue-problems" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          Some keys of this queue could not be read: {data.problems.join('; ')}
        </div>
      ) : null}
      <QueueOperations queue={locator} started={started} />
      <Panel>
        <StateTabs current={state} counts={data?.counts} onSelect={selectState} />
        <div className="mt-3">
          {state === 'failed' ? <FailureGroupsPanel queue={locator} onShowGroup={(group) => setFilter({ ...filter, group })} /> : null}
          {/* Keyed by state and search: paging and selection start afresh on another tab or search. */}
          <JobsPanel key={`${state}?${new URLSearchParams(filterParams(filter)).toString()}`} queue={locator} state={state} filter={filter} groupLabel={groupLabel} onFilter={setFilter} onOperationStarted={onOperationStarted} />
        </div>
      </Panel>
      {data ? <QueueMetrics queue={locator} /> : null}
    </div>
  );
}

const FILTER_KEYS = ['q', 'group', 'olderThanMs', 'newerThanMs'] as const;

/** The search kept in the URL, so it survives a reload and can be shared; a malformed value is ignored. */
function filterFromUrl(params: URLSearchParams, state: JobState): JobFilter {
  const age = (key: string) => {
    const value = Number(params.get(key) ?? '');
    return params.has(key) && Number.isInteger(value) && value >= 0 ? value : undefined;
  };
  const group = params.get('group');
  return {
    q: params.get('q') ?? undefined,
    group: state === 'failed' && group && /^[0-9a-f]{16}$/.test(group) ? group : undefined,
    olderThanMs: age('olderThanMs'),
    newerThanMs: age('newerThanMs'),
  };
}
