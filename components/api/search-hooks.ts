'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { OperationView } from '@/lib/operations/types';
import type { BulkAction } from '@/lib/queues/actions/bulk';
import type { FoundJob } from '@/lib/queues/search/find';
import type { JobQuery } from '@/lib/queues/search/query';
import type { SearchPage } from '@/lib/queues/search/scan';
import type { JobState, JobSummary } from '@/lib/queues/types';
import { fetchJson, queuePath } from './client';
import { queryKeys, withPrefix, type QueueLocator } from './hooks';

/** A query without its state: what the search bar sets (the state comes from the tab). */
export type JobFilter = Omit<JobQuery, 'state'>;

export function filterParams(filter: JobFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.q?.trim()) params.q = filter.q.trim();
  if (filter.group !== undefined) params.group = filter.group;
  if (filter.olderThanMs !== undefined) params.olderThanMs = String(filter.olderThanMs);
  if (filter.newerThanMs !== undefined) params.newerThanMs = String(filter.newerThanMs);
  return params;
}

export const searchKeys = {
  search: (queue: QueueLocator, state: JobState, filter: JobFilter) => [...queryKeys.queue(queue), 'search', state, filterParams(filter)] as const,
  operation: (id: string) => ['operations', id] as const,
  running: (queue: QueueLocator) => ['operations', 'running', queue.prefix ?? '', queue.name] as const,
};

/**
 * A server-side search, a bounded step per page: each page says how far the scan got, and `fetchNextPage`
 * continues it. Not polled: a search over a million jobs is not something to repeat every few seconds.
 */
export function useJobSearch(queue: QueueLocator, state: JobState, filter: JobFilter, enabled: boolean, limit = 50) {
  return useInfiniteQuery({
    queryKey: searchKeys.search(queue, state, filter),
    queryFn: ({ pageParam }) =>
      fetchJson<SearchPage>(withPrefix(`${queuePath(queue.name)}/jobs`, queue, { state, cursor: pageParam, limit: String(limit), ...filterParams(filter) })),
    initialPageParam: '0',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

const OPERATION_POLL_MS = 1000;

export function useOperation(id: string) {
  return useQuery({
    queryKey: searchKeys.operation(id),
    queryFn: () => fetchJson<OperationView>(`/api/operations/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data && query.state.data.state !== 'running' ? false : OPERATION_POLL_MS),
  });
}

/** Operations running on a queue, whoever started them, so their progress shows after a reload too. */
export function useRunningOperations(queue: QueueLocator) {
  return useQuery({
    queryKey: searchKeys.running(queue),
    queryFn: () => fetchJson<{ operations: OperationView[] }>(`/api/operations?${new URLSearchParams({ queue: queue.name, ...(queue.prefix ? { prefix: queue.prefix } : {}) })}`),
    refetchInterval: 3000,
  });
}

/** Every queue's job with this id (the header's "find a job" box). */
export function findJobById(id: string) {
  return fetchJson<{ jobs: FoundJob[] }>(`/api/search?${new URLSearchParams({ id })}`);
}

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export interface BulkQuery extends JobFilter {
  action: BulkAction;
  state: JobState;
}

export function previewBulk(queue: QueueLocator, body: BulkQuery) {
  return fetchJson<{ matched: number; sample: JobSummary[] }>(withPrefix(`${queuePath(queue.name)}/bulk/preview`, queue), post(body));
}

export function startBulk(queue: QueueLocator, body: BulkQuery) {
  return fetchJson<{ operationId: string }>(withPrefix(`${queuePath(queue.name)}/bulk`, queue), post(body));
}

export function cancelOperation(id: string) {
  return fetchJson<OperationView>(`/api/operations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
