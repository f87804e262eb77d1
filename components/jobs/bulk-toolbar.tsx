'use client';

import type { JobState } from '@/lib/queues/types';
import { formatCount } from '../format';

const button = 'rounded-md border px-3 py-1 text-sm disabled:opacity-40 dark:border-slate-700';
const danger = `${button} text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950`;

export interface BulkToolbarProps {
  state: JobState;
  search: string;
  onSearch(query: string): void;
  /** Jobs matching the search among those loaded, and how many are loaded. */
  matches: number;
  loaded: number;
  selectedCount: number;
  total: number;
  busy: boolean;
  /** Whether the signed-in role may act on jobs; viewers only get the search box. */
  canAct: boolean;
  onRetrySelected(): void;
  onDeleteSelected(): void;
  onRetryAll(): void;
  onDeleteAll(): void;
}

const RETRYABLE: readonly JobState[] = ['failed', 'completed'];
const CLEANABLE: readonly JobState[] = ['completed', 'failed', 'delayed', 'waiting', 'prioritized'];

/** Search within the loaded page, and the actions on the selection or on the whole state. */
export function BulkToolbar(props: BulkToolbarProps) {
  const { state, selectedCount, total, busy } = props;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2">
      <input
        type="search"
        data-testid="job-search"
        value={props.search}
        onChange={(event) => props.onSearch(event.target.value)}
        placeholder="Search loaded jobs by id, name or data"
        className="w-72 rounded-md border px-3 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
      />
      {props.search.trim() ? (
        <span className="text-sm text-slate-500" data-testid="search-count">
          {props.matches} of {props.loaded} loaded jobs match
        </span>
      ) : null}
      {props.canAct ? (
      <span className="ml-auto flex flex-wrap items-center gap-2">
        {selectedCount > 0 ? (
          <>
            <span className="text-sm text-slate-500" data-testid="selected-count">
              {selectedCount} selected
            </span>
            {RETRYABLE.includes(state) ? (
              <button type="button" data-testid="retry-selected" className={button} disabled={busy} onClick={props.onRetrySelected}>
                Retry selected
              </button>
            ) : null}
            {state !== 'active' ? (
              <button type="button" data-testid="delete-selected" className={danger} disabled={busy} onClick={props.onDeleteSelected}>
                Delete selected
              </button>
            ) : null}
          </>
        ) : null}
        {RETRYABLE.includes(state) && total > 0 ? (
          <button type="button" data-testid="retry-all" className={button} disabled={busy} onClick={props.onRetryAll}>
            Retry all {formatCount(total)}
          </button>
        ) : null}
        {CLEANABLE.includes(state) && total > 0 ? (
          <button type="button" data-testid="delete-all" className={danger} disabled={busy} onClick={props.onDeleteAll}>
            Delete all {formatCount(total)}
          </button>
        ) : null}
      </span>
      ) : null}
    </div>
  );
}
