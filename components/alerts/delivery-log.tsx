'use client';

import type { DeliveryAttempt } from '@/lib/alerts';
import { formatTimestamp } from '../format';
import { DataTable } from '../ui/data-table';
import { EmptyState } from '../ui/panel';

/** The latest webhook attempts: one row per HTTP request, retries included. */
export function DeliveryLogTable({ deliveries }: { deliveries: DeliveryAttempt[] }) {
  if (deliveries.length === 0) return <EmptyState title="No deliveries yet" testId="no-deliveries" />;
  return (
    <DataTable
      testId="delivery-log"
      columns={[
        { label: 'When' },
        { label: 'Webhook' },
        { label: 'What' },
        { label: 'Attempt', align: 'right' },
        { label: 'Status', align: 'right' },
        { label: 'Latency', align: 'right' },
        { label: 'Error' },
      ]}
    >
      {deliveries.map((attempt) => (
        <tr key={`${attempt.deliveryId}-${attempt.attempt}`} data-testid="delivery-row" data-ok={attempt.ok} className="border-t border-slate-100 dark:border-slate-800">
          <td className="py-2 pr-4 text-slate-500">{formatTimestamp(attempt.at)}</td>
          <td className="py-2 pr-4">
            {attempt.webhookName} <span className="text-xs text-slate-500">{attempt.target}</span>
          </td>
          <td className="py-2 pr-4">
            {attempt.kind} {attempt.rules.join(', ')}
          </td>
          <td className="py-2 pr-4 text-right tabular-nums">{attempt.attempt}</td>
          <td className={`py-2 pr-4 text-right tabular-nums ${attempt.ok ? 'text-green-700 dark:text-green-400' : 'text-red-700 dark:text-red-400'}`}>{attempt.status ?? '—'}</td>
          <td className="py-2 pr-4 text-right tabular-nums">{Math.round(attempt.latencyMs)} ms</td>
          <td className="py-2 text-xs text-red-700 dark:text-red-400">
            {attempt.error ?? ''}
            {attempt.willRetry ? <span className="ml-1 text-slate-500">(will retry)</span> : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
