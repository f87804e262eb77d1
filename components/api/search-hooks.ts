'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { OperationView } from '@/lib/operations/types';
import type { BulkAction } from '@/lib/queues/actions/bulk';
import type { FoundJob } from '@/lib/queues/search/find';
import type { JobQuery } from '@/lib/queues/search/query';
import type { SearchPage } from '@/lib/queues/search/scan';
import type { JobState, JobSummary } from '@/lib/queues/types';
import { queuePath } from './client';
import { useApi, withPrefix, type Api, type QueryKeys, type QueueLocator } from './hooks';

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

/** Search and operation keys, under the connection's keys (see queryKeys) like every other query. */
export function searchKeys(keys: QueryKeys) {
  const root = keys.root();
  return {
    search: (queue: QueueLocator, state: JobState, filter: JobFilter) => [...keys.queue(queue), 'search', state, filterParams(filter)] as const,
    operation: (id: string) => [...root, 'operations', id] as const,
    running: (queue: QueueLocator) => [...root, 'operations', 'running', queue.prefix ?? '', queue.name] as const,
  };
}

/**
 * A server-side search, a bounded step per page: each page says how far the scan got, and `fetchNextPage`
 * continues it. Not polled: a search over a million jobs is not something to repeat every few seconds.
 */
export function useJobSearch(queue: QueueLocator, state: JobState, filter: JobFilter, enabled: boolean, limit = 50) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: searchKeys(api.keys).search(queue, state, filter),
    queryFn: ({ pageParam }) =>
      api.fetch<SearchPage>(withPrefix(`${queuePath(queue.name)}/jobs`, queue, { state, cursor: pageParam, limit: String(limit), ...filterParams(filter) })),
    initialPageParam: '0',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

const OPERATION_POLL_MS = 1000;

export function useOperation(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: searchKeys(api.keys).operation(id),
    queryFn: () => api.fetch<OperationView>(`/api/operations/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data && query.state.data.state !== 'running' ? false : OPERATION_POLL_MS),
  });
}

/** Operations running on a queue, whoever started them, so their progress shows after a reload too. */
export function useRunningOperations(queue: QueueLocator) {
  const api = useApi();
  return useQuery({
    queryKey: searchKeys(api.keys).running(queue),
    queryFn: () => api.fetch<{ operations: OperationView[] }>(`/api/operations?${new URLSearchParams({ queue: queue.name, ...(queue.prefix ? { prefix: queue.prefix } : {}) })}`),
    refetchInterval: 3000,
  });
}

/** Every queue's job with this id (the header's "find a job" box). */
export function findJobById(api: Pick<Api, 'fetch'>, id: string) {
  return api.fetch<{ jobs: FoundJob[] }>(`/api/search?${new URLSearchParams({ id })}`);
}

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export interface BulkQuery extends JobFilter {
  action: BulkAction;
  state: JobState;
}

export function previewBulk(api: Pick<Api, 'fetch'>, queue: QueueLocator, body: BulkQuery) {
  return api.fetch<{ matched: number; sample: JobSummary[] }>(withPrefix(`${queuePath(queue.name)}/bulk/preview`, queue), post(body));
}

export function startBulk(api: Pick<Api, 'fetch'>, queue: QueueLocator, body: BulkQuery) {
  return api.fetch<{ operationId: string }>(withPrefix(`${queuePath(queue.name)}/bulk`, queue), post(body));
}

export function cancelOperation(api: Pick<Api, 'fetch'>, id: string) {
  return api.fetch<OperationView>(`/api/operations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
