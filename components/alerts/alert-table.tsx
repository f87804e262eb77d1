'use client';

import { useEffect, useState } from 'react';
import type { AlertView } from '@/lib/alerts';
import { formatAgo, formatTimestamp } from '../format';
import { ConnectionLink } from '../layout/connection-link';
import { DataTable } from '../ui/data-table';
import { EmptyState } from '../ui/panel';
import { valueVsThreshold } from './alert-format';
import { SilenceControl } from './silence-control';

const SEVERITY_TONE: Record<AlertView['severity'], string> = {
  critical: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  warning: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  info: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
};

function queueLink(alert: AlertView) {
  if (alert.queue === null) return <span className="text-slate-500">all</span>;
  const query = alert.prefix && alert.prefix !== 'bull' ? `?prefix=${encodeURIComponent(alert.prefix)}` : '';
  return (
    <ConnectionLink href={`/queues/${encodeURIComponent(alert.queue)}${query}`} className="text-sky-700 hover:underline dark:text-sky-400">
      {alert.queue}
    </ConnectionLink>
  );
}

/** Firing, pending or resolved alerts: rule, queue, value vs threshold, since when, and the silence control. */
export function AlertTable({ alerts, kind, canSilence, empty }: { alerts: AlertView[]; kind: 'firing' | 'pending' | 'resolved'; canSilence: boolean; empty: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (alerts.length === 0) return <EmptyState title={empty} testId={`no-${kind}-alerts`} />;
  return (
    <DataTable
      testId={`${kind}-alerts`}
      columns={[
        { label: 'Alert' },
        { label: 'Queue' },
        { label: 'Value', align: 'right' },
        { label: 'Threshold', align: 'right' },
        { label: kind === 'resolved' ? 'Resolved' : kind === 'pending' ? 'Pending since' : 'Firing since' },
        kind === 'resolved' ? null : { label: 'Notifications' },
      ]}
    >
      {alerts.map((alert) => {
        const measure = valueVsThreshold(alert);
        const since = kind === 'resolved' ? alert.endsAt : kind === 'pending' ? alert.activeAt : alert.startsAt;
        return (
          <tr
            key={`${alert.id}-${alert.endsAt ?? ''}`}
            data-testid="alert-row"
            data-rule={alert.rule}
            data-queue={alert.queue ?? ''}
            data-state={alert.state}
            className="border-t border-slate-100 align-top dark:border-slate-800"
          >
            <td className="py-2 pr-4">
              <span className={`mr-2 rounded px-1.5 py-0.5 text-xs ${SEVERITY_TONE[alert.severity]}`}>{alert.severity}</span>
              <span className="font-medium">{alert.rule}</span>
              <div className="text-xs text-slate-500" data-testid="alert-summary">
                {alert.summary}
              </div>
            </td>
            <td className="py-2 pr-4">{queueLink(alert)}</td>
            <td className="py-2 pr-4 text-right tabular-nums" data-testid="alert-value">
              {measure.value}
            </td>
            <td className="py-2 pr-4 text-right tabular-nums">{measure.threshold}</td>
            <td className="py-2 pr-4 text-slate-500" title={formatTimestamp(since)}>
              {formatAgo(since, now)}
            </td>
            {kind === 'resolved' ? null : (
              <td className="py-2">
                {alert.silencedUntil ? (
                  <span className="mr-2 text-xs text-slate-500" data-testid="silenced-until" title={formatTimestamp(alert.silencedUntil)}>
                    silenced until {new Date(alert.silencedUntil).toLocaleTimeString()}
                  </span>
                ) : null}
                {canSilence ? <SilenceControl id={alert.id} silenced={alert.silencedUntil !== null} /> : null}
              </td>
            )}
          </tr>
        );
      })}
    </DataTable>
  );
}
