import { describe, expect, it } from 'vitest';
import { countAlerts, valueVsThreshold } from './alert-format';

describe('alert formatting', () => {
  it('shows the value against the threshold in the rule unit', () => {
    expect(valueVsThreshold({ rule: 'FailureRateHigh', value: 0.1, threshold: 0.05 })).toEqual({ value: '10.0 %', threshold: '5.0 %' });
    expect(valueVsThreshold({ rule: 'QueueLengthWarning', value: 1200, threshold: 1000 })).toEqual({ value: '1,200 jobs', threshold: '1,000 jobs' });
  });

  it('counts a queue’s alerts and picks the worst firing severity', () => {
    const alerts = [
      { state: 'firing', severity: 'warning', prefix: 'bull', queue: 'emails' },
      { state: 'pending', severity: 'critical', prefix: 'bull', queue: 'emails' },
      { state: 'firing', severity: 'critical', prefix: 'bull', queue: 'images' },
      { state: 'firing', severity: 'critical', prefix: null, queue: null },
    ] as const;
    expect(countAlerts(alerts, { name: 'emails' })).toEqual({ firing: 1, pending: 1, severity: 'warning' });
    expect(countAlerts(alerts, { name: 'images', prefix: 'other' })).toEqual({ firing: 0, pending: 0, severity: null });
    expect(countAlerts(alerts)).toEqual({ firing: 3, pending: 1, severity: 'critical' });
  });
});
