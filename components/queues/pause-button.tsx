'use client';

import { usePauseToggle } from '../api/actions';
import type { QueueLocator } from '../api/hooks';

/** Pause stops workers taking new jobs (running ones finish); resume lets them continue. */
export function PauseButton({ queue, paused }: { queue: QueueLocator; paused: boolean }) {
  const toggle = usePauseToggle(queue);
  return (
    <button
      type="button"
      data-testid={paused ? 'resume-queue' : 'pause-queue'}
      disabled={toggle.isPending}
      onClick={() => toggle.mutate(!paused)}
      className="rounded-md border px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800"
    >
      {paused ? 'Resume queue' : 'Pause queue'}
    </button>
  );
}
