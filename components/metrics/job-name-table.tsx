'use client';

import { useJobNameMetrics, type QueueLocator } from '../api/hooks';
import type { TimeRange } from '../charts/ranges';
import { formatCount, formatDuration, formatPercent, formatRate } from '../format';
import { DataTable } from '../ui/data-table';
import { EmptyState, ErrorState } from '../ui/panel';

/** Per job name of a queue over the selected range: throughput, average and p95 run time, failure rate. */
export function JobNameTable({ queue, range }: { queue: QueueLocator; range: TimeRange }) {
  const { data, error, isError } = useJobNameMetrics(queue, range.seconds);
  if (isError && !data) return <ErrorState error={error} />;
  if (!data) return <p className="text-sm text-slate-500">Loading…</p>;
  if (data.jobNames.length === 0) {
    return <EmptyState title="No jobs finished in this range" testId="no-job-names" />;
  }
  return (
    <DataTable
      testId="job-name-table"
      columns={[
        { label: 'Job name' },
        { label: 'Jobs / min', align: 'right' },
        { label: 'Completed', align: 'right' },
        { label: 'Failed', align: 'right' },
        { label: 'Failure rate', align: 'right' },
        { label: 'Avg run time', align: 'right' },
        { label: 'p95 run time', align: 'right' },
        { label: 'p95 wait', align: 'right' },
      ]}
    >
      {data.jobNames.map((row) => (
        <tr key={row.name} data-testid="job-name-row" data-job-name={row.name} className="border-t border-slate-100 dark:border-slate-800">
          <td className="max-w-xs truncate py-2 pr-4 font-medium">{row.name || '(no name)'}</td>
          <td className="py-2 pr-4 text-right tabular-nums">{formatRate(row.throughputPerMinute)}</td>
          <td className="py-2 pr-4 text-right tabular-nums" data-testid="job-name-completed">{formatCount(row.completed)}</td>
          <td className="py-2 pr-4 text-right tabular-nums">{formatCount(row.failed)}</td>
          <td className="py-2 pr-4 text-right tabular-nums">{formatPercent(row.failureRate)}</td>
          <td className="py-2 pr-4 text-right tabular-nums">{formatDuration(row.runtimeAvgMs)}</td>
          <td className="py-2 pr-4 text-right tabular-nums">{formatDuration(row.runtimeP95Ms)}</td>
          <td className="py-2 text-right tabular-nums">{formatDuration(row.waitP95Ms)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
