import type { Alert, AlertTransition, Severity } from '@/lib/alerts/types';

/** A stretch of time an alert spent pending or firing. */
export interface AlertSpan {
  from: number;
  to: number;
  state: 'pending' | 'firing';
}

export interface TimelineRow {
  id: string;
  rule: string;
  queue: string | null;
  severity: Severity;
  spans: AlertSpan[];
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

const isActive = (state: string): state is AlertSpan['state'] => state === 'pending' || state === 'firing';

/**
 * Rows for the alert timeline: per alert, the spans it was pending or firing within [from, to], from its state changes
 * (any order) and the alerts active now (open until `to`, even when their changes are older than the history kept).
 * Rows are ordered by when they were last active, most recent first (then critical before warning).
 */
export function alertTimeline(transitions: readonly AlertTransition[], active: readonly Alert[], from: number, to: number): TimelineRow[] {
  const byAlert = new Map<string, AlertTransition[]>();
  for (const transition of transitions) {
    const changes = byAlert.get(transition.alert.id);
    if (changes) changes.push(transition);
    else byAlert.set(transition.alert.id, [transition]);
  }
  const rows = new Map<string, TimelineRow>();
  const rowOf = (alert: Alert) => {
    const existing = rows.get(alert.id);
    if (existing) return existing;
    const row: TimelineRow = { id: alert.id, rule: alert.rule, queue: alert.queue, severity: alert.severity, spans: [] };
    rows.set(alert.id, row);
    return row;
  };
  const addSpan = (row: TimelineRow, span: AlertSpan) => {
    const clipped = { ...span, from: Math.max(span.from, from), to: Math.min(span.to, to) };
    if (clipped.to > clipped.from) row.spans.push(clipped);
  };
  for (const changes of byAlert.values()) {
    const ordered = [...changes].sort((a, b) => a.at - b.at);
    const first = ordered[0];
    // A first recorded change out of pending or firing: it began when the alert says (or before the window).
    let open: { state: AlertSpan['state']; since: number } | null =
      first && isActive(first.from) ? { state: first.from, since: first.from === 'firing' ? first.alert.startsAt : first.alert.activeAt } : null;
    for (const change of ordered) {
      const row = rowOf(change.alert);
      if (open) addSpan(row, { from: open.since, to: change.at, state: open.state });
      open = isActive(change.to) ? { state: change.to, since: change.at } : null;
    }
    const last = ordered[ordered.length - 1];
    // Still pending or firing after its last recorded change only if the evaluator says so now.
    if (open && last && active.some((alert) => alert.id === last.alert.id)) addSpan(rowOf(last.alert), { from: open.since, to, state: open.state });
  }
  for (const alert of active) {
    const row = rowOf(alert);
    const covered = row.spans.some((span) => span.to === to);
    if (!covered && isActive(alert.state)) addSpan(row, { from: alert.state === 'firing' ? alert.startsAt : alert.activeAt, to, state: alert.state });
  }
  const lastActive = (row: TimelineRow) => Math.max(...row.spans.map((span) => span.to));
  return [...rows.values()]
    .filter((row) => row.spans.length > 0)
    .sort((a, b) => lastActive(b) - lastActive(a) || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.rule.localeCompare(b.rule));
}
