import type { JobState } from '@/lib/queues/types';
import type { JobAction } from '../api/actions';

/** The actions the API accepts for a job in this state (the server re-checks; this only hides dead buttons). */
export function availableActions(state: JobState | 'unknown'): JobAction[] {
  const actions: JobAction[] = [];
  if (state === 'failed' || state === 'completed') actions.push('retry');
  if (state === 'delayed') actions.push('promote');
  // A worker holds an active job's lock: the API refuses to delete it.
  if (state !== 'active') actions.push('delete');
  return actions;
}

export const ACTION_LABEL: Record<JobAction, string> = { retry: 'Retry', delete: 'Delete', promote: 'Promote' };

const CLEANABLE: readonly JobState[] = ['completed', 'failed', 'delayed', 'waiting', 'prioritized'];

/** The actions a background operation by query accepts for the jobs of a state (the server checks again). */
export function bulkActionsFor(state: JobState): JobAction[] {
  const actions: JobAction[] = [];
  if (state === 'failed' || state === 'completed') actions.push('retry');
  if (state === 'delayed') actions.push('promote');
  if (CLEANABLE.includes(state)) actions.push('delete');
  return actions;
}
