'use client';

import { useMemo, useState } from 'react';
// Pure (no Redis): the panel decides as the server does whether the filter turns the list into a search.
import { isFiltered } from '@/lib/queues/search/query';
import type { JobState, JobSummary } from '@/lib/queues/types';
import { useBulkAction, useJobAction, type JobAction } from '../api/actions';
import { useJobs, type QueueLocator } from '../api/hooks';
import { useJobSearch, type JobFilter } from '../api/search-hooks';
import { useCan } from '../auth/use-me';
import { formatCount } from '../format';
import { jobsWord } from '../operations/describe';
import { useBulkByQuery } from '../operations/use-bulk-by-query';
import { useConfirm } from '../ui/confirm-dialog';
import { EmptyState, ErrorState } from '../ui/panel';
import { BulkToolbar } from './bulk-toolbar';
import { JobTable } from './job-table';
import { SearchBar } from './search-bar';
import { SelectAllBanner } from './select-all-banner';

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

export interface JobsPanelProps {
  queue: QueueLocator;
  state: JobState;
  /** The search (kept in the URL by the page), and a label for its failure group. */
  filter: JobFilter;
  groupLabel?: string;
  onFilter(filter: JobFilter): void;
  onOperationStarted(operationId: string): void;
}

/**
 * One state's jobs: a page at a time, or a server-side search continued step by step; selectable, with actions on
 * rows, on the selection, on the whole state, or on every job matching the search (as a background operation).
 */
export function JobsPanel({ queue, state, filter, groupLabel, onFilter, onOperationStarted }: JobsPanelProps) {
  const searching = isFiltered(filter);
  // Cursors of the pages before the current one, so "Previous" needs no server support.
  const [cursors, setCursors] = useState<string[]>(['0']);
  const cursor = cursors[cursors.length - 1] ?? '0';
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const jobs = useJobs(queue, state, cursor, PAGE_SIZE, !searching);
  const search = useJobSearch(queue, state, filter, searching);
  const jobAction = useJobAction(queue);
  const bulk = useBulkAction(queue);
  const byQuery = useBulkByQuery(queue, state, filter, (operationId) => {
    setAllMatching(false);
    setSelection(new Set());
    onOperationStarted(operationId);
  });
  const { ask, dialog } = useConfirm();
  const canAct = useCan('operator');

  const lastPage = search.data?.pages[search.data.pages.length - 1];
  const loaded = useMemo(() => (searching ? (search.data?.pages.flatMap((page) => page.jobs) ?? []) : (jobs.data?.jobs ?? [])), [searching, search.data, jobs.data]);
  const ready = searching ? search.data !== undefined : jobs.data !== undefined;
  const failure = searching ? search.error : jobs.error;
  // Jobs that left the list (retried, deleted, finished) drop out of the selection by themselves.
  const selected = useMemo(() => new Set(loaded.filter((job) => selection.has(job.id)).map((job) => job.id)), [loaded, selection]);
  const total = (searching ? lastPage?.total : jobs.data?.total) ?? 0;
  // The number of matching jobs when it is known: the whole state, or a search that scanned to the end.
  const matching = !searching ? total : lastPage && !lastPage.nextCursor ? loaded.length : null;
  const stateName = state.replace('-', ' ');

  const select = (ids: readonly string[], on: boolean) => {
    if (!on) setAllMatching(false);
    setSelection((current) => {
      const next = new Set(current);
      for (const id of ids) (on ? next.add(id) : next.delete(id));
      return next;
    });
  };

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

  const allOnPageSelected = loaded.length > 0 && loaded.every((job) => selected.has(job.id));
  const pageStart = Number(cursor);
  return (
    <div>
      {dialog}
      {byQuery.dialog}
      <div className="flex flex-wrap items-start gap-2">
        <SearchBar filter={filter} groupLabel={groupLabel} onChange={onFilter} />
        {canAct && ready && loaded.length > 0 ? (
          <BulkToolbar
            state={state}
            selectedCount={selected.size}
            total={total}
            busy={bulk.isPending || byQuery.busy}
            searching={searching}
            allMatching={allMatching}
            onRetrySelected={() => void runBulk('retry', [...selected], selected.size)}
            onDeleteSelected={() => void runBulk('clean', [...selected], selected.size)}
            onRetryAll={() => void runBulk('retry', undefined, total)}
            onDeleteAll={() => void runBulk('clean', undefined, total)}
            onByQuery={(action) => void byQuery.run(action)}
          />
        ) : null}
      </div>
      {searching && lastPage ? (
        <p className="mb-3 flex items-center gap-3 text-sm text-slate-500" data-testid="search-progress">
          <span>
            {lastPage.nextCursor ? `Scanned ${formatCount(lastPage.scanned)} of ${formatCount(lastPage.total)}` : `Scanned all ${formatCount(lastPage.total)}`} {stateName} jobs ·{' '}
            {formatCount(loaded.length)} found{lastPage.nextCursor ? ' so far' : ''}
          </span>
          {lastPage.nextCursor ? (
            <button type="button" data-testid="search-continue" disabled={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()} className="rounded border px-2 py-0.5 text-xs disabled:opacity-40 dark:border-slate-700">
              {search.isFetchingNextPage ? 'Scanning…' : 'Continue'}
            </button>
          ) : null}
        </p>
      ) : null}
      {failure && !ready ? <ErrorState error={failure} /> : null}
      {ready && loaded.length === 0 && !(searching && lastPage?.nextCursor) ? (
        <EmptyState title={searching ? 'No job matches' : `No ${stateName} jobs`} testId="no-jobs">
          {searching ? `No ${stateName} job matches this search.` : EMPTY_HINT[state]}
        </EmptyState>
      ) : null}
      {ready && loaded.length > 0 ? (
        <>
          {canAct && allOnPageSelected ? (
            <SelectAllBanner
              shown={loaded.length}
              matching={matching}
              searching={searching}
              stateName={stateName}
              allMatching={allMatching}
              onSelectAll={() => setAllMatching(true)}
              onClear={() => {
                setAllMatching(false);
                setSelection(new Set());
              }}
            />
          ) : null}
          <JobTable queue={queue.name} prefix={queue.prefix} state={state} jobs={loaded} actions={canAct ? { selected, onSelect: select, onAction: (action, job) => void onRowAction(action, job) } : undefined} />
          {!searching && jobs.data ? (
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
          ) : null}
        </>
      ) : null}
    </div>
  );
}
