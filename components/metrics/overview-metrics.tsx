'use client';

import { useState } from 'react';
import { DEFAULT_RANGE } from '../charts/ranges';
import { Panel } from '../ui/panel';
import { MetricsHeadline } from './headline';
import { MetricsCharts } from './metrics-charts';
import { RangePanel } from './range-panel';
import { WorkloadTable } from './workload-table';

/** The Overview's metrics: headline numbers, charts for all queues with a range picker, and the workload per queue. */
export function OverviewMetrics() {
  const [range, setRange] = useState(DEFAULT_RANGE);
  return (
    <>
      <MetricsHeadline queue={null} />
      <RangePanel title="All queues" range={range} onRangeChange={setRange}>
        <MetricsCharts queue={null} range={range} />
      </RangePanel>
      <Panel title="Workload">
        <WorkloadTable />
      </Panel>
    </>
  );
}
