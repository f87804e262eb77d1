'use client';

import { ConnectionLink } from '../layout/connection-link';
import { useMetricsSummary } from '../api/hooks';
import { formatCount, formatDuration, formatRate } from '../format';
import { DataTable } from '../ui/data-table';
import { EmptyState } from '../ui/panel';
import { formatDrainEta } from './drain';

/** Per queue: backlog, current throughput, workers and the time to work the backlog off (Horizon's workload). */
export function WorkloadTable() {
  const { data } = useMetricsSummary(null);
  if (!data) return null;
  if (data.queues.length === 0) return <EmptyState title="No queues yet" />;
  const queues = [...data.queues].sort((a, b) => (b.drainEtaMs ?? Infinity) - (a.drainEtaMs ?? Infinity) || b.backlog - a.backlog);
  return (
    <DataTable
      testId="workload-table"
      columns={[
        { label: 'Queue' },
        { label: 'Backlog', align: 'right' },
        { label: 'Jobs / min (5 m)', align: 'right' },
        { label: 'Workers', align: 'right' },
        { label: 'Oldest wait', align: 'right' },
        { label: 'Time to drain', align: 'right' },
      ]}
    >
      {queues.map((queue) => (
        <tr key={`${queue.prefix}:${queue.name}`} data-testid="workload-row" data-queue={queue.name} className="border-t border-slate-100 dark:border-slate-800">
          <td className="max-w-xs truncate py-2 pr-4">
            <ConnectionLink href={`/queues/${encodeURIComponent(queue.name)}${queue.prefix !== 'bull' ? `?prefix=${encodeURIComponent(queue.prefix)}` : ''}`} className="text-sky-700 hover:underline dark:text-sky-400">
              {queue.name}
            </ConnectionLink>
          </td>
          <td className="py-2 pr-4 text-right tabular-nums">{formatCount(queue.backlog)}</td>
          <td className="py-2 pr-4 text-right tabular-nums">{formatRate(queue.throughputPerMinute)}</td>
          <td className="py-2 pr-4 text-right tabular-nums">{queue.workers}</td>
          <td className="py-2 pr-4 text-right tabular-nums">{formatDuration(queue.oldestWaitingAgeMs)}</td>
          <td className={`py-2 text-right tabular-nums ${queue.drainEtaMs === null ? 'text-status-warning' : ''}`} data-testid="drain-eta">
            {formatDrainEta(queue)}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
