'use client';

import type { BulkAction } from '@/lib/queues/actions/bulk';
import type { JobState } from '@/lib/queues/types';
import { formatCount } from '../format';
import { ACTION_WORDS } from '../operations/describe';
import { buttonClass } from '../ui/button-styles';
import { bulkActionsFor } from './available-actions';

const button = buttonClass();
const danger = buttonClass('danger');

export interface BulkToolbarProps {
  state: JobState;
  selectedCount: number;
  total: number;
  busy: boolean;
  /** A search narrows the list: actions on "all N" of the state would reach past it, so they are hidden. */
  searching: boolean;
  /** Every job matching the list is selected ("select all N matching"); actions then run as a background operation. */
  allMatching: boolean;
  onRetrySelected(): void;
  onDeleteSelected(): void;
  onRetryAll(): void;
  onDeleteAll(): void;
  onByQuery(action: BulkAction): void;
}

/** The actions on the selection, on every job matching the list, or on the whole state; for operators only. */
export function BulkToolbar(props: BulkToolbarProps) {
  const { state, selectedCount, total, busy } = props;
  const actions = bulkActionsFor(state);
  if (props.allMatching) {
    return (
      <span className="ml-auto flex flex-wrap items-center gap-2">
        {actions.map((action) => (
          <button key={action} type="button" data-testid={`bulk-${action}`} className={action === 'delete' ? danger : button} disabled={busy} onClick={() => props.onByQuery(action)}>
            {ACTION_WORDS[action].verb} all matching
          </button>
        ))}
      </span>
    );
  }
  return (
    <span className="ml-auto flex flex-wrap items-center gap-2">
      {selectedCount > 0 ? (
        <>
          <span className="text-sm text-slate-500" data-testid="selected-count">
            {selectedCount} selected
          </span>
          {actions.includes('retry') ? (
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
      {!props.searching && actions.includes('retry') && total > 0 ? (
        <button type="button" data-testid="retry-all" className={button} disabled={busy} onClick={props.onRetryAll}>
          Retry all {formatCount(total)}
        </button>
      ) : null}
      {!props.searching && actions.includes('delete') && total > 0 ? (
        <button type="button" data-testid="delete-all" className={danger} disabled={busy} onClick={props.onDeleteAll}>
          Delete all {formatCount(total)}
        </button>
      ) : null}
    </span>
  );
}
