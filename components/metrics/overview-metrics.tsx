'use client';

import { useState } from 'react';
import { DEFAULT_RANGE } from '../charts/ranges';
import { Panel } from '../ui/panel';
import { MetricsHeadline } from './headline';
import { MetricsCharts } from './metrics-charts';
import { QueueComparison } from './queue-comparison';
import { RangePanel } from './range-panel';
import { WorkloadTable } from './workload-table';

/**
 * The Overview's metrics: headline numbers, charts for all queues and for the busiest queues side by side (the range
 * picker of the first drives both), and the workload per queue.
 */
export function OverviewMetrics() {
  const [range, setRange] = useState(DEFAULT_RANGE);
  return (
    <>
      <MetricsHeadline queue={null} />
      <RangePanel title="All queues" range={range} onRangeChange={setRange}>
        <MetricsCharts queue={null} range={range} />
      </RangePanel>
      <Panel title={`By queue · busiest first · ${range.label}`}>
        <QueueComparison range={range} />
      </Panel>
      <Panel title="Workload">
        <WorkloadTable />
      </Panel>
    </>
  );
}
