'use client';

import { useMemo } from 'react';
import type { MetricPoint } from '@/lib/metrics/types';
import { useMetrics, type QueueLocator } from '../api/hooks';
import { CHART_COLORS } from '../charts/colors';
import type { TimeRange } from '../charts/ranges';
import { failureRateRows, queueLengthRows, runtimeRows, throughputRows, waitRows, type ChartRow } from '../charts/series';
import { TimeSeriesChart, type SeriesSpec } from '../charts/time-series-chart';
import { formatCount, formatDuration, formatRate } from '../format';
import { ErrorState } from '../ui/panel';

const PERCENTILES: SeriesSpec[] = [
  { key: 'p50', label: 'p50', color: CHART_COLORS.p50, kind: 'line' },
  { key: 'p95', label: 'p95', color: CHART_COLORS.p95, kind: 'line' },
];

interface ChartDefinition {
  id: 'throughput' | 'failure-rate' | 'wait' | 'queue-length' | 'runtime';
  title: string;
  rows: (points: readonly MetricPoint[], stepSeconds: number) => ChartRow[];
  formatValue: (value: number) => string;
  series: SeriesSpec[];
}

const CHARTS: ChartDefinition[] = [
  {
    id: 'throughput',
    title: 'Jobs per minute',
    rows: throughputRows,
    formatValue: formatRate,
    series: [
      { key: 'completed', label: 'Completed', color: CHART_COLORS.completed, kind: 'area', stack: 'jobs' },
      { key: 'failed', label: 'Failed', color: CHART_COLORS.failed, kind: 'area', stack: 'jobs' },
    ],
  },
  {
    id: 'failure-rate',
    title: 'Failure rate',
    rows: failureRateRows,
    formatValue: (value) => `${value} %`,
    series: [{ key: 'failureRate', label: 'Failed / finished', color: CHART_COLORS.failed, kind: 'line' }],
  },
  { id: 'wait', title: 'Wait time', rows: waitRows, formatValue: formatDuration, series: PERCENTILES },
  {
    id: 'queue-length',
    title: 'Queue length',
    rows: queueLengthRows,
    formatValue: formatCount,
    series: [
      { key: 'waiting', label: 'Waiting', color: CHART_COLORS.waiting, kind: 'line' },
      { key: 'active', label: 'Active', color: CHART_COLORS.active, kind: 'line' },
      { key: 'delayed', label: 'Delayed', color: CHART_COLORS.delayed, kind: 'line' },
    ],
  },
  { id: 'runtime', title: 'Run time', rows: runtimeRows, formatValue: formatDuration, series: PERCENTILES },
];

/** Throughput, failure rate, wait time, queue length (and run time) over a range, for all queues or one. */
export function MetricsCharts({ queue, range, showRuntime = false }: { queue: QueueLocator | null; range: TimeRange; showRuntime?: boolean }) {
  const metrics = useMetrics(queue, range.seconds);
  const data = metrics.data;
  const charts = useMemo(
    () => CHARTS.filter((chart) => showRuntime || chart.id !== 'runtime').map((chart) => ({ ...chart, data: chart.rows(data?.points ?? [], data?.step ?? 60) })),
    [data, showRuntime],
  );

  if (metrics.isError && !data) return <ErrorState error={metrics.error} />;
  return (
    <div
      data-testid="metrics-charts"
      data-range={range.id}
      data-loaded={data !== undefined && !metrics.isPlaceholderData}
      data-step={data?.step}
      className={`grid gap-6 md:grid-cols-2 ${metrics.isPlaceholderData ? 'opacity-60' : ''}`}
    >
      {charts.map((chart) => (
        <TimeSeriesChart
          key={chart.id}
          title={chart.title}
          testId={`chart-${chart.id}`}
          rows={chart.data}
          series={chart.series}
          rangeSeconds={range.seconds}
          formatValue={chart.formatValue}
        />
      ))}
    </div>
  );
}
