import type { QueueStatus } from './queue-status';

const COLOR: Record<QueueStatus, string> = {
  ok: 'bg-status-ok',
  warning: 'bg-status-warning',
  critical: 'bg-status-critical',
  paused: 'bg-status-paused',
  idle: 'bg-status-idle',
};

export function StatusDot({ status, reason }: { status: QueueStatus; reason: string }) {
  return (
    <span className="inline-flex items-center" title={reason} data-testid="queue-status" data-status={status}>
      <span className={`inline-block h-2.5 w-2.5 rounded-full ${COLOR[status]}`} aria-hidden />
      <span className="sr-only">{`${status}: ${reason}`}</span>
    </span>
  );
}
