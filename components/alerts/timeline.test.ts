import { describe, expect, it } from 'vitest';
import type { Alert, AlertTransition } from '@/lib/alerts/types';
import { alertTimeline } from './timeline';

function alert(overrides: Partial<Alert>): Alert {
  return {
    id: 'a1',
    rule: 'FailureRateHigh',
    connection: 'default',
    prefix: 'bull',
    queue: 'webhooks',
    severity: 'warning',
    state: 'firing',
    value: 0.12,
    threshold: 0.05,
    summary: '',
    activeAt: 0,
    startsAt: 0,
    endsAt: null,
    lastNotifiedAt: null,
    ...overrides,
  } as Alert;
}

const change = (at: number, from: AlertTransition['from'], to: AlertTransition['to'], overrides: Partial<Alert> = {}): AlertTransition => ({ at, from, to, alert: alert(overrides) });

describe('alertTimeline', () => {
  it('turns state changes into pending and firing spans, clipped to the window', () => {
    const rows = alertTimeline(
      [change(300, 'firing', 'resolved', { startsAt: 150, activeAt: 100 }), change(150, 'pending', 'firing', { activeAt: 100 }), change(100, 'inactive', 'pending')],
      [],
      120,
      1000,
    );
    expect(rows).toEqual([
      {
        id: 'a1',
        rule: 'FailureRateHigh',
        queue: 'webhooks',
        severity: 'warning',
        spans: [
          { from: 120, to: 150, state: 'pending' },
          { from: 150, to: 300, state: 'firing' },
        ],
      },
    ]);
  });

  it('keeps an alert that fires now open until the end, even when its changes are older than the history', () => {
    const firing = alert({ id: 'a2', rule: 'WorkersMissing', severity: 'critical', startsAt: 500, activeAt: 400 });
    const rows = alertTimeline([change(500, 'pending', 'firing', { id: 'a2', rule: 'WorkersMissing', severity: 'critical', activeAt: 400 })], [firing, alert({ id: 'old', startsAt: 10 })], 0, 1000);
    expect(rows.map((row) => [row.id, row.spans])).toEqual([
      ['a2', [{ from: 400, to: 500, state: 'pending' }, { from: 500, to: 1000, state: 'firing' }]],
      ['old', [{ from: 10, to: 1000, state: 'firing' }]],
    ]);
  });

  it('does not leave an alert open that is no longer active, and leaves out alerts outside the window', () => {
    expect(alertTimeline([change(100, 'inactive', 'firing', { startsAt: 100 })], [], 0, 1000)).toEqual([]);
    expect(alertTimeline([change(50, 'firing', 'resolved', { startsAt: 10 })], [], 100, 1000)).toEqual([]);
  });

  it('orders rows by when they were last active, most recent first', () => {
    const rows = alertTimeline(
      [change(200, 'firing', 'resolved', { id: 'early', startsAt: 100 }), change(600, 'firing', 'resolved', { id: 'late', startsAt: 500 })],
      [],
      0,
      1000,
    );
    expect(rows.map((row) => row.id)).toEqual(['late', 'early']);
  });
});
