'use client';

import type { Alert, Severity } from '@/lib/alerts/types';
import { useAlerts } from '../api/alert-hooks';
import { ConnectionLink } from '../layout/connection-link';
import { countAlerts } from './alert-format';

const TONE: Record<Severity, string> = {
  critical: 'bg-status-critical text-white',
  warning: 'bg-status-warning text-white',
  info: 'bg-slate-500 text-white',
};

/** A pill with the number of firing (or else pending) alerts; renders nothing when there are none. */
export function AlertBadge({ alerts, queue }: { alerts: readonly Alert[]; queue?: { name: string; prefix?: string } }) {
  const count = countAlerts(alerts, queue);
  if (!count.severity) return null;
  const label = count.firing ? `${count.firing} firing` : `${count.pending} pending`;
  return (
    <ConnectionLink
      href="/alerts"
      data-testid="alert-badge"
      data-severity={count.severity}
      title={`${count.firing} firing, ${count.pending} pending alert(s)`}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${count.firing ? TONE[count.severity] : 'border border-slate-400 text-slate-600 dark:text-slate-300'}`}
    >
      {label}
    </ConnectionLink>
  );
}

/** The badge for one queue, fed by the alerts endpoint (the Overview shares one poll for all rows). */
export function QueueAlertBadge({ name, prefix }: { name: string; prefix?: string }) {
  const { data } = useAlerts();
  return data ? <AlertBadge alerts={data.active} queue={{ name, prefix }} /> : null;
}

/** The number of firing alerts of the connection, beside "Alerts" in the sidebar; nothing when none fire. */
export function FiringAlertCount() {
  const { data } = useAlerts();
  const count = data ? countAlerts(data.active) : null;
  if (!count?.firing || !count.severity) return null;
  return (
    <span data-testid="nav-alerts-firing" title={`${count.firing} firing alert(s)`} className={`ml-2 rounded-full px-1.5 text-xs font-medium ${TONE[count.severity]}`}>
      {count.firing}
    </span>
  );
}
