import type { TimelineEvent } from '@/lib/queues/types';
import { formatDuration, formatTimestamp } from '../format';

const LABEL: Record<TimelineEvent['event'], string> = {
  created: 'Created',
  'delayed-until': 'Delayed until',
  started: 'Started (last attempt)',
  completed: 'Completed',
  failed: 'Failed',
};

const DOT: Record<TimelineEvent['event'], string> = {
  created: 'bg-state-waiting',
  'delayed-until': 'bg-state-delayed',
  started: 'bg-state-active',
  completed: 'bg-state-completed',
  failed: 'bg-state-failed',
};

export function Timeline({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-500">No timestamps recorded.</p>;
  return (
    <ol className="relative ml-2 border-l border-slate-200 dark:border-slate-700" data-testid="timeline">
      {events.map((event, index) => {
        const previous = events[index - 1];
        return (
          <li key={`${event.event}-${event.at}`} className="mb-4 ml-4">
            <span className={`absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full ${DOT[event.event]}`} aria-hidden />
            <div className="text-sm font-medium">{LABEL[event.event]}</div>
            <div className="text-xs text-slate-500">
              {formatTimestamp(event.at)}
              {previous ? ` · +${formatDuration(event.at - previous.at)}` : ''}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
