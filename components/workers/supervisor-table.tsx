'use client';

import type { SupervisorView } from '@/lib/workers/types';
import { formatAgo, formatCount } from '../format';
import { DataTable } from '../ui/data-table';
import { WorkerStatusBadge } from './worker-status';

const cell = 'py-2 pr-4';

export function SupervisorTable({ supervisors, now }: { supervisors: SupervisorView[]; now: number }) {
  return (
    <DataTable
      testId="supervisor-table"
      columns={[
        { label: 'Status' },
        { label: 'Supervisor' },
        { label: 'Queues' },
        { label: 'Processes', align: 'right' },
        { label: 'Backlog', align: 'right' },
        { label: 'Restarts', align: 'right' },
        { label: 'Last heartbeat' },
      ]}
    >
      {supervisors.map((supervisor) => (
        <tr
          key={`${supervisor.prefix}:${supervisor.name}`}
          data-testid="supervisor-row"
          data-supervisor={supervisor.name}
          className="border-t border-slate-100 dark:border-slate-800"
        >
          <td className={cell}>
            <WorkerStatusBadge status={supervisor.status} />
          </td>
          <td className={cell}>
            <div className="font-medium">{supervisor.name}</div>
            <div className="text-xs text-slate-500">
              {supervisor.host} · pid {supervisor.pid}
            </div>
          </td>
          <td className={`${cell} max-w-xs truncate`}>{supervisor.queues.join(', ')}</td>
          <td className={`${cell} text-right tabular-nums`} data-testid="supervisor-processes" title={`target ${supervisor.processes.target}`}>
            {supervisor.processes.current} <span className="text-slate-500">({supervisor.processes.min}–{supervisor.processes.max})</span>
          </td>
          <td className={`${cell} text-right tabular-nums`}>{formatCount(supervisor.backlog)}</td>
          <td className={`${cell} text-right tabular-nums`}>{formatCount(supervisor.restarts)}</td>
          <td className="whitespace-nowrap py-2">{formatAgo(supervisor.lastHeartbeatAt, now)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
