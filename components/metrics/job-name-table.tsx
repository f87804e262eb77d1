'use client';

import { useJobNameMetrics, type QueueLocator } from '../api/hooks';
import type { TimeRange } from '../charts/ranges';
import { formatCount, formatDuration, formatPercent, formatRate } from '../format';
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
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="job-name-table">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-4">Job name</th>
            <th className="py-2 pr-4 text-right">Jobs / min</th>
            <th className="py-2 pr-4 text-right">Completed</th>
            <th className="py-2 pr-4 text-right">Failed</th>
            <th className="py-2 pr-4 text-right">Failure rate</th>
            <th className="py-2 pr-4 text-right">Avg run time</th>
            <th className="py-2 pr-4 text-right">p95 run time</th>
            <th className="py-2 text-right">p95 wait</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
