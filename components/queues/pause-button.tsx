'use client';

import { usePauseToggle } from '../api/actions';
import type { QueueLocator } from '../api/hooks';
import { buttonClass } from '../ui/button-styles';

/** Pause stops workers taking new jobs (running ones finish); resume lets them continue. */
export function PauseButton({ queue, paused }: { queue: QueueLocator; paused: boolean }) {
  const toggle = usePauseToggle(queue);
  return (
    <button
      type="button"
      data-testid={paused ? 'resume-queue' : 'pause-queue'}
      disabled={toggle.isPending}
      onClick={() => toggle.mutate(!paused)}
      className={buttonClass()}
    >
      {paused ? 'Resume queue' : 'Pause queue'}
    </button>
  );
}
