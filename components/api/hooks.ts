'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { AuditPage } from '@/lib/audit/types';
import type { FailureGroups } from '@/lib/queues/failures/groups';
import type { JobNamesResponse, MetricsSeriesResponse, MetricsSummary, QueueSeriesResponse } from '@/lib/metrics/types';
import type { QueueDetail } from '@/lib/queues/service';
import type { JobDetail, JobPage, JobState, QueueSummary } from '@/lib/queues/types';
import type { ConnectionStatus } from '@/lib/redis/health';
import type { WorkersOverview } from '@/lib/workers/types';
import { fetchJson, queuePath } from './client';
import { useConnection, withConnection } from './connection';

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

/**
 * One factory for every query key, so invalidation and prefetching agree on names. Every key starts with the
 * connection, so two connections never share a cache entry (nor show each other's data while switching).
 */
export function queryKeys(connection: string | undefined) {
  const root = ['connection', connection ?? ''] as const;
  const queue = (locator: QueueLocator) => [...root, 'queues', locator.prefix ?? '', locator.name] as const;
  return {
    /** The start of every key of this connection. */
    root: () => root,
    health: () => [...root, 'health'] as const,
    queues: () => [...root, 'queues'] as const,
    queue,
    jobs: (locator: QueueLocator, state: JobState, cursor: string) => [...queue(locator), 'jobs', state, cursor] as const,
    job: (locator: QueueLocator, id: string) => [...queue(locator), 'job', id] as const,
    failures: (locator: QueueLocator) => [...queue(locator), 'failures'] as const,
    audits: () => [...root, 'audit'] as const,
    audit: (cursor: string) => [...root, 'audit', cursor] as const,
    alerts: () => [...root, 'alerts'] as const,
    alertRules: () => [...root, 'alerts', 'rules'] as const,
    alertHistory: () => [...root, 'alerts', 'history'] as const,
    webhooks: () => [...root, 'alerts', 'webhooks'] as const,
    deliveries: () => [...root, 'alerts', 'deliveries'] as const,
    workers: () => [...root, 'workers'] as const,
    metrics: (locator: QueueLocator | null, rangeSeconds: number) => [...root, 'metrics', locator?.prefix ?? '', locator?.name ?? '', rangeSeconds] as const,
    metricsSummary: (locator: QueueLocator | null) => [...root, 'metrics', locator?.prefix ?? '', locator?.name ?? '', 'summary'] as const,
    jobNameMetrics: (locator: QueueLocator, rangeSeconds: number) => [...root, 'metrics', locator.prefix ?? '', locator.name, 'job-names', rangeSeconds] as const,
    queueSeries: (rangeSeconds: number) => [...root, 'metrics', 'by-queue', rangeSeconds] as const,
  };
}

export type QueryKeys = ReturnType<typeof queryKeys>;

/** What useApi gives: the connection, its query keys and a fetcher addressing it. */
export type Api = ReturnType<typeof useApi>;

/** The page's connection with its query keys and an API fetcher that addresses it (`?connection=`). */
export function useApi() {
  const connection = useConnection();
  return useMemo(
    () => ({
      connection,
      keys: queryKeys(connection),
      fetch: <T>(path: string, init?: RequestInit) => fetchJson<T>(withConnection(path, connection), init),
    }),
    [connection],
  );
}

export interface Health {
  status: 'ok' | 'degraded';
  redis: 'up' | 'down';
  version: string;
}

export function useHealth() {
  const { keys, connection } = useApi();
  return useQuery({
    queryKey: keys.health(),
    // 503 still carries a body describing what is down; read it rather than treating it as an error.
    queryFn: async (): Promise<Health> => {
      const response = await fetch(withConnection('/api/health', connection), { cache: 'no-store' });
      return (await response.json()) as Health;
    },
    refetchInterval: POLL_INTERVAL_MS,
    retry: false,
  });
}

/** The configured connections and whether each answers, for the switcher; the same whichever page shows. */
export function useConnections() {
  return useQuery({
    queryKey: ['connections'],
    queryFn: () => fetchJson<{ connections: ConnectionStatus[] }>('/api/connections'),
    refetchInterval: POLL_INTERVAL_MS,
  });
}

export function useQueues() {
  const api = useApi();
  return useQuery({
    queryKey: api.keys.queues(),
    queryFn: () => api.fetch<{ queues: QueueSummary[]; prefixes: string[] }>('/api/queues'),
    refetchInterval: POLL_INTERVAL_MS,
  });
}

export function useQueue(queue: QueueLocator) {
  const api = useApi();
  return useQuery({
    queryKey: api.keys.queue(queue),
    queryFn: () => api.fetch<QueueDetail>(withPrefix(queuePath(queue.name), queue)),
    refetchInterval: POLL_INTERVAL_MS,
  });
}

export function useJobs(queue: QueueLocator, state: JobState, cursor: string, limit = 50, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: api.keys.jobs(queue, state, cursor),
    queryFn: () => api.fetch<JobPage>(withPrefix(`${queuePath(queue.name)}/jobs`, queue, { state, cursor, limit: String(limit) })),
    refetchInterval: POLL_INTERVAL_MS,
    enabled,
  });
}

export function useJob(queue: QueueLocator, id: string) {
  const api = useApi();
  return useQuery({
    queryKey: api.keys.job(queue, id),
    queryFn: () => api.fetch<JobDetail>(withPrefix(`${queuePath(queue.name)}/jobs/${encodeURIComponent(id)}`, queue)),
    refetchInterval: POLL_INTERVAL_MS,
    // Never show the previous job's data under another job's id.
    placeholderData: undefined,
  });
}

/** Grouping reads thousands of failed jobs, so it polls less often than counts; actions refetch it at once. */
export const FAILURE_POLL_INTERVAL_MS = 10_000;

export function useFailureGroups(queue: QueueLocator, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: api.keys.failures(queue),
    queryFn: () => api.fetch<FailureGroups>(withPrefix(`${queuePath(queue.name)}/failures`, queue)),
    refetchInterval: FAILURE_POLL_INTERVAL_MS,
    enabled,
  });
}

export function useAudit(cursor: string, limit = 50) {
  const api = useApi();
  return useQuery({
    queryKey: api.keys.audit(cursor),
    queryFn: () => api.fetch<AuditPage>(`/api/audit?${new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) })}`),
    refetchInterval: POLL_INTERVAL_MS,
  });
}

export function useWorkers() {
  const api = useApi();
  return useQuery({
    queryKey: api.keys.workers(),
    queryFn: () => api.fetch<WorkersOverview>('/api/workers'),
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
  const api = useApi();
  return useQuery({
    queryKey: api.keys.metrics(queue, rangeSeconds),
    queryFn: () => api.fetch<MetricsSeriesResponse>(metricsPath('/api/metrics', queue, { range: String(rangeSeconds) })),
    refetchInterval: METRICS_POLL_INTERVAL_MS,
  });
}

export function useMetricsSummary(queue: QueueLocator | null) {
  const api = useApi();
  return useQuery({
    queryKey: api.keys.metricsSummary(queue),
    queryFn: () => api.fetch<MetricsSummary>(metricsPath('/api/metrics/summary', queue)),
    refetchInterval: METRICS_POLL_INTERVAL_MS,
  });
}

export function useJobNameMetrics(queue: QueueLocator, rangeSeconds: number) {
  const api = useApi();
  return useQuery({
    queryKey: api.keys.jobNameMetrics(queue, rangeSeconds),
    queryFn: () => api.fetch<JobNamesResponse>(metricsPath('/api/metrics/job-names', queue, { range: String(rangeSeconds) })),
    refetchInterval: METRICS_POLL_INTERVAL_MS,
  });
}

/** The busiest queues over the last `rangeSeconds`, each with its own points, for charts that compare queues. */
export function useQueueSeries(rangeSeconds: number) {
  const api = useApi();
  return useQuery({
    queryKey: api.keys.queueSeries(rangeSeconds),
    queryFn: () => api.fetch<QueueSeriesResponse>(`/api/metrics/queues?range=${rangeSeconds}`),
    refetchInterval: METRICS_POLL_INTERVAL_MS,
  });
}
