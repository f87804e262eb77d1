'use client';

import { useMemo, useState } from 'react';
import type { JobState, JobSummary } from '@/lib/queues/types';
import { useBulkAction, useJobAction, type JobAction } from '../api/actions';
import { useCan } from '../auth/use-me';
import { useJobs, type QueueLocator } from '../api/hooks';
import { formatCount } from '../format';
import { useConfirm } from '../ui/confirm-dialog';
import { EmptyState, ErrorState } from '../ui/panel';
import { BulkToolbar } from './bulk-toolbar';
import { filterJobs } from './job-search';
import { JobTable } from './job-table';

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

const jobsWord = (count: number) => `${formatCount(count)} job${count === 1 ? '' : 's'}`;

/** One state's jobs: a page at a time, searchable, selectable, with actions on rows, the selection or the whole state. */
export function JobsPanel({ queue, state }: { queue: QueueLocator; state: JobState }) {
  // Cursors of the pages before the current one, so "Previous" needs no server support.
  const [cursors, setCursors] = useState<string[]>(['0']);
  const cursor = cursors[cursors.length - 1] ?? '0';
  const [search, setSearch] = useState('');
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const jobs = useJobs(queue, state, cursor, PAGE_SIZE);
  const jobAction = useJobAction(queue);
  const bulk = useBulkAction(queue);
  const { ask, dialog } = useConfirm();
  const canAct = useCan('operator');

  const loaded = useMemo(() => jobs.data?.jobs ?? [], [jobs.data]);
  const visible = useMemo(() => filterJobs(loaded, search), [loaded, search]);
  // Jobs that left the page (retried, deleted, finished) drop out of the selection by themselves.
  const selected = useMemo(() => new Set(loaded.filter((job) => selection.has(job.id)).map((job) => job.id)), [loaded, selection]);
  const total = jobs.data?.total ?? 0;
  const stateName = state.replace('-', ' ');

  const select = (ids: readonly string[], on: boolean) =>
    setSelection((current) => {
      const next = new Set(current);
      for (const id of ids) (on ? next.add(id) : next.delete(id));
      return next;
    });

  const onRowAction = async (action: JobAction, job: JobSummary) => {
    if (action === 'delete' && !(await ask({ title: `Delete job ${job.id}?`, body: 'Its data, logs and children are removed for good: 1 job.', confirmLabel: 'Delete 1 job', destructive: true }))) return;
    jobAction.mutate({ action, id: job.id });
  };

  const runBulk = async (kind: 'retry' | 'clean', ids: string[] | undefined, count: number) => {
    const retry = kind === 'retry';
    const scope = ids ? `the ${jobsWord(count)} you selected` : `all ${jobsWord(count)} ${stateName}`;
    const confirmed = await ask({
      title: retry ? `Retry ${jobsWord(count)}?` : `Delete ${jobsWord(count)}?`,
      body: retry ? `This moves ${scope} back to waiting.` : `This deletes ${scope}, with their data and logs. It cannot be undone.`,
      confirmLabel: `${retry ? 'Retry' : 'Delete'} ${jobsWord(count)}`,
      destructive: !retry,
    });
    if (!confirmed) return;
    bulk.mutate({ kind, body: { state, ...(ids ? { ids } : {}), ...(kind === 'clean' ? { graceMs: 0 } : {}) } });
    setSelection(new Set());
  };

  const pageStart = Number(cursor);
  return (
    <div>
      {dialog}
      {jobs.isError && !jobs.data ? <ErrorState error={jobs.error} /> : null}
      {jobs.data && loaded.length === 0 ? (
        <EmptyState title={`No ${stateName} jobs`} testId="no-jobs">
          {EMPTY_HINT[state]}
        </EmptyState>
      ) : null}
      {jobs.data && loaded.length > 0 ? (
        <>
          <BulkToolbar
            state={state}
            search={search}
            onSearch={setSearch}
            matches={visible.length}
            loaded={loaded.length}
            selectedCount={selected.size}
            total={total}
            busy={bulk.isPending}
            canAct={canAct}
            onRetrySelected={() => void runBulk('retry', [...selected], selected.size)}
            onDeleteSelected={() => void runBulk('clean', [...selected], selected.size)}
            onRetryAll={() => void runBulk('retry', undefined, total)}
            onDeleteAll={() => void runBulk('clean', undefined, total)}
          />
          <JobTable queue={queue.name} prefix={queue.prefix} state={state} jobs={visible} actions={canAct ? { selected, onSelect: select, onAction: (action, job) => void onRowAction(action, job) } : undefined} />
          <div className="mt-3 flex items-center justify-between text-sm text-slate-500">
            <span data-testid="page-range">
              {formatCount(pageStart + 1)}–{formatCount(pageStart + loaded.length)} of {formatCount(total)}
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
  );
}
