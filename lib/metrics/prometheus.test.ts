import { describe, expect, it } from 'vitest';
import type { QueueSummary } from '../queues';
import { renderPrometheus } from './prometheus';
import { addJob, emptyRecord } from './record';

function summary(name: string, overrides: Partial<QueueSummary> = {}): QueueSummary {
  return {
    prefix: 'bull',
    name,
    paused: false,
    counts: { waiting: 3, active: 1, delayed: 0, prioritized: 2, waitingChildren: 0, completed: 10, failed: 1 },
    oldestWaitingAgeMs: 1500,
    throughputPerMinute: 0,
    failureRate: null,
    failureRateJobs: 0,
    workers: 2,
    problems: [],
    ...overrides,
  };
}

describe('renderPrometheus', () => {
  const totals = emptyRecord();
  addJob(totals, 'completed', 2, 3);
  addJob(totals, 'completed', 10, 20);
  addJob(totals, 'failed', 100, 5000);
  const text = renderPrometheus(
    [
      { summary: summary('emails'), totals },
      { summary: summary('we"ird\\name', { paused: true, oldestWaitingAgeMs: null }), totals: null },
    ],
    [
      { rule: 'FailureRateHigh', prefix: 'bull', queue: 'emails', severity: 'warning', state: 'firing' },
      { rule: 'RedisDown', prefix: null, queue: null, severity: 'critical', state: 'pending' },
    ],
  );
  const lines = text.split('\n');

  it.each([
    'lookout_queue_jobs{prefix="bull",queue="emails",state="waiting"} 3',
    'lookout_queue_jobs{prefix="bull",queue="emails",state="waiting-children"} 0',
    'lookout_queue_oldest_waiting_age_seconds{prefix="bull",queue="emails"} 1.5',
    'lookout_queue_workers{prefix="bull",queue="emails"} 2',
    'lookout_queue_paused{prefix="bull",queue="we\\"ird\\\\name"} 1',
    'lookout_jobs_completed_total{prefix="bull",queue="emails"} 2',
    'lookout_jobs_failed_total{prefix="bull",queue="emails"} 1',
    'lookout_jobs_completed_total{prefix="bull",queue="we\\"ird\\\\name"} 0',
    'lookout_job_runtime_seconds_bucket{prefix="bull",queue="emails",le="0.004"} 1',
    'lookout_job_runtime_seconds_bucket{prefix="bull",queue="emails",le="0.064"} 2',
    'lookout_job_runtime_seconds_bucket{prefix="bull",queue="emails",le="+Inf"} 3',
    'lookout_job_runtime_seconds_sum{prefix="bull",queue="emails"} 5.023',
    'lookout_job_runtime_seconds_count{prefix="bull",queue="emails"} 3',
    'lookout_job_wait_seconds_bucket{prefix="bull",queue="emails",le="0.016"} 2',
    'lookout_active_alerts{alertname="FailureRateHigh",alertstate="firing",severity="warning",prefix="bull",queue="emails"} 1',
    'lookout_active_alerts{alertname="RedisDown",alertstate="pending",severity="critical",prefix="",queue=""} 1',
  ])('has the sample %s', (line) => {
    expect(lines).toContain(line);
  });

  it('declares every family once, with HELP and TYPE, and ends with a newline', () => {
    const types = lines.filter((line) => line.startsWith('# TYPE'));
    expect(types).toContain('# TYPE lookout_jobs_completed_total counter');
    expect(types).toContain('# TYPE lookout_job_wait_seconds histogram');
    expect(new Set(types).size).toBe(types.length);
    expect(lines.filter((line) => line.startsWith('# HELP'))).toHaveLength(types.length);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('names metrics the Prometheus way: a unit suffix, _total for counters', () => {
    const names = new Set(lines.filter((line) => !line.startsWith('#') && line).map((line) => line.split('{')[0]));
    for (const name of names) expect(name).toMatch(/^lookout_[a-z_]+(_total|_seconds(_bucket|_sum|_count)?|_jobs|_workers|_paused|_alerts)$/);
  });
});
