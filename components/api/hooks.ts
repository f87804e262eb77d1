'use client';

import { useQuery } from '@tanstack/react-query';
import type { AuditPage } from '@/lib/audit/types';
import type { FailureGroups } from '@/lib/queues/failures/groups';
import type { JobNamesResponse, MetricsSeriesResponse, MetricsSummary } from '@/lib/metrics/types';
import type { QueueDetail } from '@/lib/queues/service';
import type { JobDetail, JobPage, JobState, QueueSummary } from '@/lib/queues/types';
import type { WorkersOverview } from '@/lib/workers/types';
import { fetchJson, queuePath } from './client';

export const POLL_INTERVAL_MS = 3000;
/** Metrics move per minute; polling them every 5 s is plenty. */
export const METRICS_POLL_INTERVAL_MS = 5000;

/** A queue as the UI addresses it: its name, plus the prefix when it is not the default one. */
export interface QueueLocator {
  name: string;
  prefix?: string;
}

export function withPrefix(path: string, locator: QueueLocator, params: Record<string, string> = {}): string {
  const search = new URLSearchParams(params);
  if (locator.prefix) search.set('prefix', locator.prefix);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** One factory for every query key, so invalidation and prefetching agree on names. */
export const queryKeys = {
  health: () => ['health'] as const,
  queues: () => ['queues'] as const,
  queue: (queue: QueueLocator) => ['queues', queue.prefix ?? '', queue.name] as const,
  jobs: (queue: QueueLocator, state: JobState, cursor: string) => [...queryKeys.queue(queue), 'jobs', state, cursor] as const,
  job: (queue: QueueLocator, id: string) => [...queryKeys.queue(queue), 'job', id] as const,
  failures: (queue: QueueLocator) => [...queryKeys.queue(queue), 'failures'] as const,
  audit: (cursor: string) => ['audit', cursor] as const,
  alerts: () => ['alerts'] as const,
  alertRules: () => ['alerts', 'rules'] as const,
  webhooks: () => ['alerts', 'webhooks'] as const,
  deliveries: () => ['alerts', 'deliveries'] as const,
  workers: () => ['workers'] as const,
  metrics: (queue: QueueLocator | null, rangeSeconds: number) => ['metrics', queue?.prefix ?? '', queue?.name ?? '', rangeSeconds] as const,
  metricsSummary: (queue: QueueLocator | null) => ['metrics', queue?.prefix ?? '', queue?.name ?? '', 'summary'] as const,
  jobNameMetrics: (queue: QueueLocator, rangeSeconds: number) => ['metrics', queue.prefix ?? '', queue.name, 'job-names', rangeSeconds] as const,
};

export interface Health {
  status: 'ok' | 'degraded';
  redis: 'up' | 'down';
  version: string;
}

export function useHealth() {
  return useQuery({
    queryKey: queryKeys.health(),
    // 503 still carries a body describing what is down; read it rather than treating it as an error.
    queryFn: async (): Promise<Health> => {
      const response = await fetch('/api/health', { cache: 'no-store' });
      return (await response.json()) as Health;
    },
    refetchInterval: POLL_INTERVAL_MS,
    retry: false,
  });
}

export function useQueues() {
  return useQuery({
    queryKey: queryKeys.queues(),
    queryFn: () => fetchJson<{ queues: QueueSummary[]; prefixes: string[] }>('/api/queues'),
    refetchInterval: POLL_INTERVAL_MS,
  });
}

export function useQueue(queue: QueueLocator) {
  return useQuery({
    queryKey: queryKeys.queue(queue),
    queryFn: () => fetchJson<QueueDetail>(withPrefix(queuePath(queue.name), queue)),
    refetchInterval: POLL_INTERVAL_MS,
  });
}

export function useJobs(queue: QueueLocator, state: JobState, cursor: string, limit = 50, enabled = true) {
  return useQuery({
    queryKey: queryKeys.jobs(queue, state, cursor),
    queryFn: () => fetchJson<JobPage>(withPrefix(`${queuePath(queue.name)}/jobs`, queue, { state, cursor, limit: String(limit) })),
    refetchInterval: POLL_INTERVAL_MS,
    enabled,
  });
}

export function useJob(queue: QueueLocator, id: string) {
  return useQuery({
    queryKey: queryKeys.job(queue, id),
    queryFn: () => fetchJson<JobDetail>(withPrefix(`${queuePath(queue.name)}/jobs/${encodeURIComponent(id)}`, queue)),
    refetchInterval: POLL_INTERVAL_MS,
    // Never show the previous job's data under another job's id.
    placeholderData: undefined,
  });
}

/** Grouping reads thousands of failed jobs, so it polls less often than counts; actions refetch it at once. */
export const FAILURE_POLL_INTERVAL_MS = 10_000;

export function useFailureGroups(queue: QueueLocator, enabled = true) {
  return useQuery({
    queryKey: queryKeys.failures(queue),
    queryFn: () => fetchJson<FailureGroups>(withPrefix(`${queuePath(queue.name)}/failures`, queue)),
    refetchInterval: FAILURE_POLL_INTERVAL_MS,
    enabled,
  });
}

export function useAudit(cursor: string, limit = 50) {
  return useQuery({
    queryKey: queryKeys.audit(cursor),
    queryFn: () => fetchJson<AuditPage>(`/api/audit?${new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) })}`),
    refetchInterval: POLL_INTERVAL_MS,
  });
}

export function useWorkers() {
  return useQuery({
    queryKey: queryKeys.workers(),
    queryFn: () => fetchJson<WorkersOverview>('/api/workers'),
    refetchInterval: POLL_INTERVAL_MS,
  });
}

/** The metrics query string for all queues (null) or one queue. */
function metricsPath(path: string, queue: QueueLocator | null, params: Record<string, string> = {}): string {
  const search = new URLSearchParams(params);
  if (queue) {
    search.set('queue', queue.name);
    if (queue.prefix) search.set('prefix', queue.prefix);
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** Points over the last `rangeSeconds` (measured on the server's clock), for all queues or one. */
export function useMetrics(queue: QueueLocator | null, rangeSeconds: number) {
  return useQuery({
    queryKey: queryKeys.metrics(queue, rangeSeconds),
    queryFn: () => fetchJson<MetricsSeriesResponse>(metricsPath('/api/metrics', queue, { range: String(rangeSeconds) })),
    refetchInterval: METRICS_POLL_INTERVAL_MS,
  });
}

export function useMetricsSummary(queue: QueueLocator | null) {
  return useQuery({
    queryKey: queryKeys.metricsSummary(queue),
    queryFn: () => fetchJson<MetricsSummary>(metricsPath('/api/metrics/summary', queue)),
    refetchInterval: METRICS_POLL_INTERVAL_MS,
  });
}

export function useJobNameMetrics(queue: QueueLocator, rangeSeconds: number) {
  return useQuery({
    queryKey: queryKeys.jobNameMetrics(queue, rangeSeconds),
    queryFn: () => fetchJson<JobNamesResponse>(metricsPath('/api/metrics/job-names', queue, { range: String(rangeSeconds) })),
    refetchInterval: METRICS_POLL_INTERVAL_MS,
  });
}
