'use client';

import type { WorkerView } from '@/lib/workers/types';
import { formatAgo, formatCount } from '../format';
import { DataTable } from '../ui/data-table';
import { WorkerStatusBadge } from './worker-status';

const cell = 'py-2 pr-4';
const number = `${cell} text-right tabular-nums`;

function count(value: number | null): string {
  return value === null ? '—' : formatCount(value);
}

export function WorkerTable({ workers, now }: { workers: WorkerView[]; now: number }) {
  return (
    <DataTable
      testId="worker-table"
      columns={[
        { label: 'Status' },
        { label: 'Worker' },
        { label: 'Queues' },
        { label: 'Concurrency', align: 'right' },
        { label: 'Active', align: 'right' },
        { label: 'Processed', align: 'right' },
        { label: 'Failed', align: 'right' },
        { label: 'Started' },
        { label: 'Last heartbeat' },
      ]}
    >
      {workers.map((worker) => (
        <tr
          key={`${worker.prefix}:${worker.id}`}
          data-testid="worker-row"
          data-worker-id={worker.id}
          data-pid={worker.pid ?? ''}
          data-source={worker.source}
          className="border-t border-slate-100 dark:border-slate-800"
        >
          <td className={cell}>
            <WorkerStatusBadge status={worker.status} />
          </td>
          <td className={`${cell} max-w-xs`}>
            <div className="truncate font-mono text-xs">{worker.name ?? worker.id}</div>
            <div className="text-xs text-slate-500">
              {worker.host ?? '?'}
              {worker.pid !== null ? ` · pid ${worker.pid}` : ''}
              {worker.supervisor ? ` · ${worker.supervisor}` : ''}
              {worker.source === 'bullmq' ? (
                <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-slate-700 dark:bg-slate-800 dark:text-slate-300" title="A plain BullMQ worker: Lookout sees its connection, not its counts">
                  BullMQ
                </span>
              ) : null}
            </div>
          </td>
          <td className={`${cell} max-w-xs truncate`}>{worker.queues.join(', ')}</td>
          <td className={number}>{count(worker.concurrency)}</td>
          <td className={number} data-testid="worker-active">
            {count(worker.active)}
          </td>
          <td className={number}>{count(worker.processed)}</td>
          <td className={number}>{count(worker.failed)}</td>
          <td className={`${cell} whitespace-nowrap`}>{formatAgo(worker.startedAt, now)}</td>
          <td className="whitespace-nowrap py-2" data-testid="worker-heartbeat">
            {worker.lastHeartbeatAt === null ? <span className="text-slate-500">connected, no heartbeat</span> : formatAgo(worker.lastHeartbeatAt, now)}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
