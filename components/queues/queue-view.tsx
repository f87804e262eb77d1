'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { JOB_STATES, type JobState } from '@/lib/queues/types';
import { ApiError } from '../api/client';
import { useJobs, useQueue, type QueueLocator } from '../api/hooks';
import { formatCount, formatDuration, formatPercent } from '../format';
import { JobTable } from '../jobs/job-table';
import { Freshness } from '../layout/freshness';
import { PageHeader } from '../layout/page-header';
import { MetricsHeadline } from '../metrics/headline';
import { QueueMetrics } from '../metrics/queue-metrics';
import { EmptyState, ErrorState, Panel } from '../ui/panel';
import { queueStatus } from './queue-status';
import { StateTabs } from './state-tabs';
import { StatusDot } from './status-dot';

const PAGE_SIZE = 50;

const EMPTY_HINT: Record<JobState, string> = {
  waiting: 'Nothing is waiting: workers are keeping up, or nothing was added yet.',
  active: 'No job is running right now. If jobs are waiting, check that a worker is connected.',
  delayed: 'No delayed jobs. Jobs added with a delay or waiting for a backoff appear here.',
  prioritized: 'No prioritized jobs. Jobs added with a priority appear here until a worker takes them.',
  'waiting-children': 'No parent job is waiting for its children (BullMQ flows).',
  completed: 'No completed jobs are kept. Jobs added with removeOnComplete are deleted when they finish.',
  failed: 'No failed jobs. Nice.',
};

export function QueueView({ queue }: { queue: string }) {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const requestedState = searchParams.get('state');
  const state: JobState = JOB_STATES.includes(requestedState as JobState) ? (requestedState as JobState) : 'waiting';
  const locator: QueueLocator = { name: queue, prefix: searchParams.get('prefix') ?? undefined };
  // Cursors of the pages before the current one, so "Previous" needs no server support.
  const [cursors, setCursors] = useState<string[]>(['0']);
  const cursor = cursors[cursors.length - 1] ?? '0';

  const summary = useQueue(locator);
  const jobs = useJobs(locator, state, cursor, PAGE_SIZE);

  const selectState = (next: JobState) => {
    const params = new URLSearchParams(searchParams.toString());
    params.set('state', next);
    setCursors(['0']);
    router.replace(`${pathname}?${params.toString()}`);
  };

  if (summary.error instanceof ApiError && summary.error.status === 404) {
    return (
      <EmptyState title={`Queue "${queue}" was not found`} testId="queue-not-found">
        It has no keys in Redis under the configured prefixes. <Link href="/" className="text-sky-700 underline">Back to all queues</Link>
      </EmptyState>
    );
  }

  const data = summary.data;
  const status = data ? queueStatus(data) : null;
  const pageStart = Number(cursor);
  return (
    <div>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {status ? <StatusDot status={status.status} reason={status.reason} /> : null}
            <span data-testid="queue-name">{queue}</span>
            {data?.paused ? <span className="rounded bg-indigo-100 px-2 py-0.5 text-sm text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">paused</span> : null}
          </span>
        }
        subtitle={
          <Link href="/" className="hover:underline">
            ← All queues
          </Link>
        }
      >
        <Freshness dataUpdatedAt={summary.dataUpdatedAt} isError={summary.isError} />
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
        <div role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          Some keys of this queue could not be read: {data.problems.join('; ')}
        </div>
      ) : null}
      <Panel>
        <StateTabs current={state} counts={data?.counts} onSelect={selectState} />
        <div className="mt-3">
          {jobs.isError && !jobs.data ? <ErrorState error={jobs.error} /> : null}
          {jobs.data && jobs.data.jobs.length === 0 ? (
            <EmptyState title={`No ${state.replace('-', ' ')} jobs`} testId="no-jobs">
              {EMPTY_HINT[state]}
            </EmptyState>
          ) : null}
          {jobs.data && jobs.data.jobs.length > 0 ? (
            <>
              <JobTable queue={queue} prefix={locator.prefix} state={state} jobs={jobs.data.jobs} />
              <div className="mt-3 flex items-center justify-between text-sm text-slate-500">
                <span data-testid="page-range">
                  {formatCount(pageStart + 1)}–{formatCount(pageStart + jobs.data.jobs.length)} of {formatCount(jobs.data.total)}
                </span>
                <span className="flex gap-2">
                  <button
                    type="button"
                    className="rounded border px-3 py-1 disabled:opacity-40 dark:border-slate-700"
                    disabled={cursors.length <= 1}
                    onClick={() => setCursors((list) => list.slice(0, -1))}
                  >
                    Previous
                  </button>
                  <button
                    type="button"
                    data-testid="next-page"
                    className="rounded border px-3 py-1 disabled:opacity-40 dark:border-slate-700"
                    disabled={!jobs.data.nextCursor}
                    onClick={() => jobs.data?.nextCursor && setCursors((list) => [...list, jobs.data.nextCursor as string])}
                  >
                    Next
                  </button>
                </span>
              </div>
            </>
          ) : null}
        </div>
      </Panel>
      {data ? <QueueMetrics queue={locator} /> : null}
    </div>
  );
}
