'use client';

import { TIME_RANGES, type TimeRange } from './ranges';

export function RangePicker({ value, onChange }: { value: TimeRange; onChange: (range: TimeRange) => void }) {
  return (
    <div role="group" aria-label="Time range" className="inline-flex overflow-hidden rounded-md border border-slate-200 text-xs dark:border-slate-700">
      {TIME_RANGES.map((range) => {
        const selected = range.id === value.id;
        return (
          <button
            key={range.id}
            type="button"
            data-testid={`range-${range.id}`}
            aria-pressed={selected}
            onClick={() => onChange(range)}
            className={`px-2.5 py-1 ${selected ? 'bg-sky-600 font-medium text-white' : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
          >
            {range.label}
          </button>
        );
      })}
    </div>
  );
}
