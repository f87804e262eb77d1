import type { JobState, QueueCounts } from '@/lib/queues/types';
import { formatCount } from '../format';

export const STATE_TABS: { state: JobState; label: string; count: keyof QueueCounts }[] = [
  { state: 'waiting', label: 'Waiting', count: 'waiting' },
  { state: 'active', label: 'Active', count: 'active' },
  { state: 'delayed', label: 'Delayed', count: 'delayed' },
  { state: 'prioritized', label: 'Prioritized', count: 'prioritized' },
  { state: 'waiting-children', label: 'Waiting children', count: 'waitingChildren' },
  { state: 'completed', label: 'Completed', count: 'completed' },
  { state: 'failed', label: 'Failed', count: 'failed' },
];

export function StateTabs({ current, counts, onSelect }: { current: JobState; counts?: QueueCounts; onSelect: (state: JobState) => void }) {
  return (
    <div role="tablist" className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800">
      {STATE_TABS.map((tab) => {
        const selected = tab.state === current;
        return (
          <button
            key={tab.state}
            role="tab"
            type="button"
            aria-selected={selected}
            data-testid={`tab-${tab.state}`}
            onClick={() => onSelect(tab.state)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${
              selected ? 'border-sky-600 font-medium text-sky-700 dark:text-sky-400' : 'border-transparent text-slate-500 hover:text-slate-800 dark:hover:text-slate-200'
            }`}
          >
            {tab.label}
            {counts ? <span className="ml-1.5 rounded-full bg-slate-100 px-1.5 text-xs tabular-nums dark:bg-slate-800">{formatCount(counts[tab.count])}</span> : null}
          </button>
        );
      })}
    </div>
  );
}
