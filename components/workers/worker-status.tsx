import type { WorkerStatus } from '@/lib/workers/types';

const STYLE: Record<WorkerStatus, { dot: string; text: string }> = {
  running: { dot: 'bg-status-ok', text: 'text-green-800 dark:text-green-300' },
  paused: { dot: 'bg-status-paused', text: 'text-indigo-800 dark:text-indigo-300' },
  stale: { dot: 'bg-status-critical', text: 'text-red-800 dark:text-red-300' },
};

const TITLE: Record<WorkerStatus, string> = {
  running: 'Heartbeats arrive on time',
  paused: 'Paused: takes no new jobs',
  stale: 'No heartbeat for 3 intervals: the process is probably gone',
};

export function WorkerStatusBadge({ status }: { status: WorkerStatus }) {
  const style = STYLE[status];
  return (
    <span className={`inline-flex items-center gap-1.5 text-xs font-medium ${style.text}`} title={TITLE[status]} data-testid="worker-status" data-status={status}>
      <span className={`inline-block h-2 w-2 rounded-full ${style.dot}`} aria-hidden />
      {status}
    </span>
  );
}
