'use client';

import type { QueueSummary } from '@/lib/queues/types';
import { QueueAlertBadge } from '../alerts/alert-badge';
import { formatCount, formatDuration, formatPercent } from '../format';
import { ConnectionLink } from '../layout/connection-link';
import { nextOrder, type QueueOrder, type QueueSortKey } from './queue-order';
import { queueStatus } from './queue-status';
import { StatusDot } from './status-dot';

const COUNT_COLUMNS = [
  ['waiting', 'Waiting'],
  ['active', 'Active'],
  ['delayed', 'Delayed'],
  ['prioritized', 'Prioritized'],
  ['completed', 'Completed'],
  ['failed', 'Failed'],
] as const;

export function queueHref(queue: QueueSummary, state?: string): string {
  const params = new URLSearchParams();
  if (state) params.set('state', state);
  if (queue.prefix !== 'bull') params.set('prefix', queue.prefix);
  const query = params.toString();
  return `/queues/${encodeURIComponent(queue.name)}${query ? `?${query}` : ''}`;
}

function SortHeader({ label, sortKey, order, onOrderChange, align = 'right', last = false }: { label: string; sortKey: QueueSortKey; order: QueueOrder; onOrderChange(order: QueueOrder): void; align?: 'left' | 'right'; last?: boolean }) {
  const active = order.sort === sortKey;
  return (
    <th className={`py-2 ${last ? '' : 'pr-4'} ${align === 'right' ? 'text-right' : ''}`} aria-sort={active ? (order.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" data-testid={`sort-${sortKey}`} onClick={() => onOrderChange(nextOrder(order, sortKey))} className={`uppercase hover:text-slate-800 dark:hover:text-slate-200 ${active ? 'text-slate-800 dark:text-slate-200' : ''}`}>
        {label}
        {active ? (order.descending ? ' ↓' : ' ↑') : ''}
      </button>
    </th>
  );
}

export function QueueTable({ queues, showPrefix, order, onOrderChange }: { queues: QueueSummary[]; showPrefix: boolean; order: QueueOrder; onOrderChange(order: QueueOrder): void }) {
  const sortable = { order, onOrderChange };
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="queue-table">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-2" aria-label="Status" />
            <SortHeader label="Queue" sortKey="name" align="left" {...sortable} />
            {COUNT_COLUMNS.map(([key, label]) => (
              <SortHeader key={key} label={label} sortKey={key} {...sortable} />
            ))}
            <SortHeader label="Oldest wait" sortKey="oldestWaitingAgeMs" {...sortable} />
            <SortHeader label="Jobs / min" sortKey="throughputPerMinute" {...sortable} />
            <SortHeader label="Failure rate" sortKey="failureRate" {...sortable} />
            <SortHeader label="Workers" sortKey="workers" last {...sortable} />
          </tr>
        </thead>
        <tbody>
          {queues.map((queue) => {
            const { status, reason } = queueStatus(queue);
            return (
              <tr
                key={`${queue.prefix}:${queue.name}`}
                data-testid="queue-row"
                data-queue={queue.name}
                className="border-t border-slate-100 dark:border-slate-800"
              >
                <td className="py-2 pr-2">
                  <StatusDot status={status} reason={reason} />
                </td>
                <td className="max-w-xs truncate py-2 pr-4 font-medium">
                  <ConnectionLink href={queueHref(queue)} className="text-sky-700 hover:underline dark:text-sky-400">
                    {queue.name}
                  </ConnectionLink>
                  {showPrefix ? <span className="ml-2 text-xs text-slate-500">{queue.prefix}</span> : null}
                  {queue.paused ? (
                    <span className="ml-2 rounded bg-indigo-100 px-1.5 py-0.5 text-xs text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
                      paused
                    </span>
                  ) : null}
                  <span className="ml-2">
                    <QueueAlertBadge name={queue.name} prefix={queue.prefix} />
                  </span>
                </td>
                {COUNT_COLUMNS.map(([key]) => (
                  <td key={key} className="py-2 pr-4 text-right tabular-nums" data-testid={`count-${key}`}>
                    <ConnectionLink href={queueHref(queue, key)} className="hover:underline">
                      {formatCount(queue.counts[key])}
                    </ConnectionLink>
                  </td>
                ))}
                <td className="py-2 pr-4 text-right tabular-nums">{formatDuration(queue.oldestWaitingAgeMs)}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{formatCount(queue.throughputPerMinute)}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{formatPercent(queue.failureRate)}</td>
                <td className="py-2 text-right tabular-nums">{queue.workers}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
