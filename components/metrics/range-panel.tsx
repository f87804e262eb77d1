'use client';

import type { ReactNode } from 'react';
import { RangePicker } from '../charts/range-picker';
import type { TimeRange } from '../charts/ranges';
import { Panel } from '../ui/panel';

/** A panel whose title bar carries the time range picker for the charts inside. */
export function RangePanel({ title, range, onRangeChange, children }: { title: string; range: TimeRange; onRangeChange: (range: TimeRange) => void; children: ReactNode }) {
  return (
    <Panel
      title={
        <span className="flex flex-wrap items-center justify-between gap-2 normal-case tracking-normal">
          <span className="uppercase tracking-wide">{title}</span>
          <RangePicker value={range} onChange={onRangeChange} />
        </span>
      }
    >
      {children}
    </Panel>
  );
}
