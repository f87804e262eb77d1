'use client';

import { useMemo } from 'react';
import { useMetrics, type QueueLocator } from '../api/hooks';
import { CHART_COLORS } from '../charts/colors';
import type { TimeRange } from '../charts/ranges';
import { failureRateRows, queueLengthRows, runtimeRows, throughputRows, waitRows } from '../charts/series';
import { TimeSeriesChart } from '../charts/time-series-chart';
import { formatCount, formatDuration, formatRate } from '../format';
import { ErrorState } from '../ui/panel';

const percent = (value: number) => `${value} %`;

/** Throughput, failure rate, wait time, queue length (and run time) over a range, for all queues or one. */
export function MetricsCharts({ queue, range, showRuntime = false }: { queue: QueueLocator | null; range: TimeRange; showRuntime?: boolean }) {
  const metrics = useMetrics(queue, range.seconds);
  const data = metrics.data;
  const rows = useMemo(() => {
    const points = data?.points ?? [];
    return {
      throughput: throughputRows(points, data?.step ?? 60),
      failureRate: failureRateRows(points),
      wait: waitRows(points),
      runtime: runtimeRows(points),
      queueLength: queueLengthRows(points),
    };
  }, [data]);

  if (metrics.isError && !data) return <ErrorState error={metrics.error} />;
  const common = { rangeSeconds: range.seconds };
  return (
    <div
      data-testid="metrics-charts"
      data-range={range.id}
      data-loaded={data !== undefined && !metrics.isPlaceholderData}
      data-step={data?.step}
      className={`grid gap-6 md:grid-cols-2 ${metrics.isPlaceholderData ? 'opacity-60' : ''}`}
    >
      <TimeSeriesChart
        {...common}
        title="Jobs per minute"
        testId="chart-throughput"
        rows={rows.throughput}
        formatValue={formatRate}
        series={[
          { key: 'completed', label: 'Completed', color: CHART_COLORS.completed, kind: 'area', stack: 'jobs' },
          { key: 'failed', label: 'Failed', color: CHART_COLORS.failed, kind: 'area', stack: 'jobs' },
        ]}
      />
      <TimeSeriesChart
        {...common}
        title="Failure rate"
        testId="chart-failure-rate"
        rows={rows.failureRate}
        formatValue={percent}
        series={[{ key: 'failureRate', label: 'Failed / finished', color: CHART_COLORS.failed, kind: 'line' }]}
      />
      <TimeSeriesChart
        {...common}
        title="Wait time"
        testId="chart-wait"
        rows={rows.wait}
        formatValue={formatDuration}
        series={[
          { key: 'p50', label: 'p50', color: CHART_COLORS.p50, kind: 'line' },
          { key: 'p95', label: 'p95', color: CHART_COLORS.p95, kind: 'line' },
        ]}
      />
      <TimeSeriesChart
        {...common}
        title="Queue length"
        testId="chart-queue-length"
        rows={rows.queueLength}
        formatValue={formatCount}
        series={[
          { key: 'waiting', label: 'Waiting', color: CHART_COLORS.waiting, kind: 'line' },
          { key: 'active', label: 'Active', color: CHART_COLORS.active, kind: 'line' },
          { key: 'delayed', label: 'Delayed', color: CHART_COLORS.delayed, kind: 'line' },
        ]}
      />
      {showRuntime ? (
        <TimeSeriesChart
          {...common}
          title="Run time"
          testId="chart-runtime"
          rows={rows.runtime}
          formatValue={formatDuration}
          series={[
            { key: 'p50', label: 'p50', color: CHART_COLORS.p50, kind: 'line' },
            { key: 'p95', label: 'p95', color: CHART_COLORS.p95, kind: 'line' },
          ]}
        />
      ) : null}
    </div>
  );
}
