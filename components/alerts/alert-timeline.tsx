'use client';

import { useMemo, useState } from 'react';
import type { Severity } from '@/lib/alerts/types';
import { useAlertHistory, useAlerts } from '../api/alert-hooks';
import { formatDuration, formatTimestamp } from '../format';
import { EmptyState } from '../ui/panel';
import { useNow } from '../workers/use-now';
import { alertTimeline, type AlertSpan } from './timeline';

const WINDOWS = [
  { id: '1h', label: '1 h', ms: 3_600_000 },
  { id: '6h', label: '6 h', ms: 6 * 3_600_000 },
  { id: '24h', label: '24 h', ms: 24 * 3_600_000 },
] as const;

const FIRING_TONE: Record<Severity, string> = { critical: 'bg-status-critical', warning: 'bg-status-warning', info: 'bg-slate-500' };

function spanClass(span: AlertSpan, severity: Severity): string {
  return span.state === 'firing' ? FIRING_TONE[severity] : 'border border-dashed border-status-warning bg-amber-100 dark:bg-amber-950';
}

/** When each alert was pending or firing over the last hours: one row per alert, bars along a shared time axis. */
export function AlertTimeline() {
  const [windowId, setWindowId] = useState<(typeof WINDOWS)[number]['id']>('1h');
  const history = useAlertHistory();
  const alerts = useAlerts();
  const now = useNow(5000);
  const span = WINDOWS.find((entry) => entry.id === windowId) ?? WINDOWS[0];
  const from = now - span.ms;
  const rows = useMemo(
    () => alertTimeline(history.data?.transitions ?? [], alerts.data?.active ?? [], from, now),
    [history.data, alerts.data, from, now],
  );
  const at = (time: number) => `${((time - from) / span.ms) * 100}%`;

  return (
    <div data-testid="alert-timeline" data-window={windowId}>
      <div className="mb-3 flex items-center justify-between gap-2 text-xs text-slate-500">
        <span>Pending (dashed) and firing (filled) over the last {span.label}</span>
        <span className="inline-flex overflow-hidden rounded-md border dark:border-slate-700">
          {WINDOWS.map((entry) => (
            <button
              key={entry.id}
              type="button"
              data-testid={`timeline-${entry.id}`}
              aria-pressed={entry.id === windowId}
              onClick={() => setWindowId(entry.id)}
              className={`px-2 py-0.5 ${entry.id === windowId ? 'bg-sky-600 text-white' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
            >
              {entry.label}
            </button>
          ))}
        </span>
      </div>
      {history.data && rows.length === 0 ? (
        <EmptyState title={`No alert was pending or firing in the last ${span.label}`} testId="timeline-empty" />
      ) : (
        <div className="flex flex-col gap-1.5">
          {rows.map((row) => (
            <div key={row.id} data-testid="timeline-row" data-rule={row.rule} data-queue={row.queue ?? ''} className="grid grid-cols-[14rem_1fr] items-center gap-3 text-sm">
              <span className="truncate" title={`${row.rule} ${row.queue ?? ''}`}>
                <span className="font-medium">{row.rule}</span> <span className="text-slate-500">{row.queue ?? 'all queues'}</span>
              </span>
              <div className="relative h-4 rounded bg-slate-100 dark:bg-slate-800">
                {row.spans.map((bar) => (
                  <div
                    key={`${bar.state}-${bar.from}`}
                    data-testid="timeline-span"
                    data-state={bar.state}
                    title={`${bar.state} ${formatTimestamp(bar.from)} → ${bar.to >= now ? 'now' : formatTimestamp(bar.to)} (${formatDuration(bar.to - bar.from)})`}
                    className={`absolute top-0 h-4 min-w-[3px] rounded-sm ${spanClass(bar, row.severity)}`}
                    style={{ left: at(bar.from), width: `calc(${at(bar.to)} - ${at(bar.from)})` }}
                  />
                ))}
              </div>
            </div>
          ))}
          <div className="grid grid-cols-[14rem_1fr] gap-3 text-xs text-slate-500">
            <span />
            <span className="flex justify-between">
              <span>{span.label} ago</span>
              <span>now</span>
            </span>
          </div>
        </div>
      )}
    </div>
  );
}
