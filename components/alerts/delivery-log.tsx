'use client';

import type { DeliveryAttempt } from '@/lib/alerts';
import { formatTimestamp } from '../format';
import { EmptyState } from '../ui/panel';

/** The latest webhook attempts: one row per HTTP request, retries included. */
export function DeliveryLogTable({ deliveries }: { deliveries: DeliveryAttempt[] }) {
  if (deliveries.length === 0) return <EmptyState title="No deliveries yet" testId="no-deliveries" />;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="delivery-log">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-4">When</th>
            <th className="py-2 pr-4">Webhook</th>
            <th className="py-2 pr-4">What</th>
            <th className="py-2 pr-4 text-right">Attempt</th>
            <th className="py-2 pr-4 text-right">Status</th>
            <th className="py-2 pr-4 text-right">Latency</th>
            <th className="py-2">Error</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
