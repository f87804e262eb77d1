'use client';

import { useMemo } from 'react';
import { useQueueSeries } from '../api/hooks';
import { queueColor } from '../charts/colors';
import type { TimeRange } from '../charts/ranges';
import { queueComparisonRows, queueSeriesKey, type QueueMeasure } from '../charts/series';
import { TimeSeriesChart, type SeriesSpec } from '../charts/time-series-chart';
import { formatDuration, formatRate } from '../format';
import { EmptyState, ErrorState } from '../ui/panel';

const CHARTS: { id: string; title: string; measure: QueueMeasure; formatValue: (value: number) => string }[] = [
  { id: 'queues-throughput', title: 'Jobs per minute by queue', measure: 'throughput', formatValue: formatRate },
  { id: 'queues-failure-rate', title: 'Failure rate by queue', measure: 'failureRate', formatValue: (value) => `${value} %` },
  { id: 'queues-wait', title: 'Wait time p95 by queue', measure: 'waitP95', formatValue: formatDuration },
];

/** The busiest queues of the range side by side: one line per queue on each chart, so the odd one out stands out. */
export function QueueComparison({ range }: { range: TimeRange }) {
  const query = useQueueSeries(range.seconds);
  const data = query.data;
  const series: SeriesSpec[] = useMemo(
    () => (data?.queues ?? []).map((queue, index) => ({ key: queueSeriesKey(index), label: queue.name, color: queueColor(index), kind: 'line' })),
    [data],
  );
  const charts = useMemo(() => CHARTS.map((chart) => ({ ...chart, rows: queueComparisonRows(data?.queues ?? [], data?.step ?? 60, chart.measure) })), [data]);

  if (query.isError && !data) return <ErrorState error={query.error} />;
  if (data && data.queues.length === 0) {
    return (
      <EmptyState title="No queue finished a job in this range" testId="queue-comparison-empty">
        Queues appear here, busiest first, once workers finish their jobs.
      </EmptyState>
    );
  }
  return (
    <div
      data-testid="queue-comparison"
      data-range={range.id}
      data-loaded={data !== undefined && !query.isPlaceholderData}
      data-queues={data?.queues.map((queue) => queue.name).join(',') ?? ''}
      className={`grid gap-6 md:grid-cols-3 ${query.isPlaceholderData ? 'opacity-60' : ''}`}
    >
      {charts.map((chart) => (
        <TimeSeriesChart key={chart.id} title={chart.title} testId={`chart-${chart.id}`} rows={chart.rows} series={series} rangeSeconds={range.seconds} formatValue={chart.formatValue} />
      ))}
    </div>
  );
}
