'use client';

import type { SupervisorView } from '@/lib/workers/types';
import { formatAgo, formatCount } from '../format';
import { WorkerStatusBadge } from './worker-status';

const cell = 'py-2 pr-4';

export function SupervisorTable({ supervisors, now }: { supervisors: SupervisorView[]; now: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="supervisor-table">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className={cell}>Status</th>
            <th className={cell}>Supervisor</th>
            <th className={cell}>Queues</th>
            <th className={`${cell} text-right`}>Processes</th>
            <th className={`${cell} text-right`}>Backlog</th>
            <th className={`${cell} text-right`}>Restarts</th>
            <th className="py-2">Last heartbeat</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
