'use client';

import { useState } from 'react';
import type { QueueLocator } from '../api/hooks';
import { DEFAULT_RANGE } from '../charts/ranges';
import { JobNameTable } from './job-name-table';
import { MetricsCharts } from './metrics-charts';
import { RangePanel } from './range-panel';

/** A queue page's charts (with run time) and its per job name table, over one range. */
export function QueueMetrics({ queue }: { queue: QueueLocator }) {
  const [range, setRange] = useState(DEFAULT_RANGE);
  return (
    <div className="mt-6">
      <RangePanel title="Metrics" range={range} onRangeChange={setRange}>
        <MetricsCharts queue={queue} range={range} showRuntime />
        <h3 className="mb-2 mt-6 text-sm font-semibold uppercase tracking-wide text-slate-500">By job name</h3>
        <JobNameTable queue={queue} range={range} />
      </RangePanel>
    </div>
  );
}
