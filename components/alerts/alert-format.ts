import { RULES } from '@/lib/alerts/rules';
import { formatMeasure } from '@/lib/alerts/summary';
import type { Alert, Severity } from '@/lib/alerts/types';

/** "1,200 jobs / 1,000 jobs": the measured value against the threshold, in the rule's unit. */
export function valueVsThreshold(alert: Pick<Alert, 'rule' | 'value' | 'threshold'>): { value: string; threshold: string } {
  if (alert.rule === 'TestNotification') return { value: '—', threshold: '—' };
  const unit = RULES[alert.rule].unit;
  return { value: formatMeasure(unit, alert.value), threshold: formatMeasure(unit, alert.threshold) };
}

export interface AlertCount {
  firing: number;
  pending: number;
  /** The most severe firing (else pending) alert's severity; null when there are none. */
  severity: Severity | null;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** Counts a queue's pending and firing alerts (all queues' when `queue` is omitted). */
export function countAlerts(alerts: readonly Pick<Alert, 'state' | 'severity' | 'prefix' | 'queue'>[], queue?: { name: string; prefix?: string }): AlertCount {
  const mine = alerts.filter((alert) => !queue || (alert.queue === queue.name && (!queue.prefix || alert.prefix === queue.prefix)));
  const firing = mine.filter((alert) => alert.state === 'firing');
  const pick = firing.length ? firing : mine.filter((alert) => alert.state === 'pending');
  const severity = pick.reduce<Severity | null>((worst, alert) => (worst === null || RANK[alert.severity] > RANK[worst] ? alert.severity : worst), null);
  return { firing: firing.length, pending: mine.length - firing.length, severity };
}
