'use client';

import { useMutation, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { FailureGroups } from '@/lib/queues/failures/groups';
import type { QueueDetail } from '@/lib/queues/service';
import type { JobDetail, JobPage, JobState, JobSummary } from '@/lib/queues/types';
import { useToast } from '../ui/toast';
import { queuePath } from './client';
import { useApi, withPrefix, type QueryKeys, type QueueLocator } from './hooks';

/** What the bulk endpoints answer (lib/queues/actions BulkResult). */
export interface BulkResult {
  count: number;
  skipped: number;
  scanned: number;
}

type Snapshot = [QueryKey, unknown][];

/**
 * Applies an optimistic change to the cached queries under `queryKey` (only that one with `exact`: a queue's key
 * is also the start of its jobs' keys), returning what to put back on error.
 */
async function patchQueries<T>(client: QueryClient, queryKey: QueryKey, update: (data: T) => T, exact = false): Promise<Snapshot> {
  const filters = { queryKey, exact };
  await client.cancelQueries(filters);
  const snapshot = client.getQueriesData<T>(filters);
  client.setQueriesData<T>(filters, (data) => (data === undefined ? data : update(data)));
  return snapshot;
}

/** Hides jobs from the loaded pages (of one state, or of all) at once; the next poll shows the truth. */
function hideJobs(client: QueryClient, keys: QueryKeys, queue: QueueLocator, leaves: (job: JobSummary) => boolean, state?: JobState): Promise<Snapshot> {
  const key = state ? [...keys.queue(queue), 'jobs', state] : [...keys.queue(queue), 'jobs'];
  return patchQueries<JobPage>(client, key, (page) => {
    const jobs = page.jobs.filter((job) => !leaves(job));
    return { ...page, jobs, total: Math.max(0, page.total - (page.jobs.length - jobs.length)) };
  });
}

/**
 * A mutation that updates the screen before the server answers, puts it back if the server refuses,
 * says how it went in a toast, and then refetches everything about queues and the audit log.
 */
function useOptimisticAction<V, R>(spec: { run: (vars: V) => Promise<R>; optimistic: (client: QueryClient, vars: V) => Promise<Snapshot>; success: (result: R, vars: V) => string }) {
  const client = useQueryClient();
  const toast = useToast();
  const { keys } = useApi();
  return useMutation<R, Error, V, Snapshot>({
    mutationFn: spec.run,
    onMutate: (vars) => spec.optimistic(client, vars),
    onError: (error, _vars, snapshot) => {
      for (const [key, data] of snapshot ?? []) client.setQueryData(key, data);
      toast({ kind: 'error', message: error.message });
    },
    onSuccess: (result, vars) => toast({ kind: 'success', message: spec.success(result, vars) }),
    onSettled: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: keys.queues() }), client.invalidateQueries({ queryKey: keys.audits() })]);
    },
  });
}

const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
});

export type JobAction = 'retry' | 'delete' | 'promote';
const DONE: Record<JobAction, string> = { retry: 'Retried', delete: 'Deleted', promote: 'Promoted' };

export function useJobAction(queue: QueueLocator) {
  const api = useApi();
  return useOptimisticAction({
    run: ({ action, id }: { action: JobAction; id: string }) => {
      const path = `${queuePath(queue.name)}/jobs/${encodeURIComponent(id)}${action === 'delete' ? '' : `/${action}`}`;
      return api.fetch<{ ok: true }>(withPrefix(path, queue), action === 'delete' ? { method: 'DELETE' } : post());
    },
    optimistic: async (client, { action, id }) => [
      ...(await hideJobs(client, api.keys, queue, (job) => job.id === id)),
      ...(await patchQueries<JobDetail>(client, api.keys.job(queue, id), (job) => (action === 'delete' ? job : { ...job, state: 'waiting' }))),
    ],
    success: (_, { action, id }) => `${DONE[action]} job ${id}.`,
  });
}

export interface BulkRequest {
  kind: 'retry' | 'clean';
  body: { state: JobState; group?: string; ids?: string[]; graceMs?: number };
}

function describeBulk(result: BulkResult, { kind }: BulkRequest): string {
  const jobs = `${result.count.toLocaleString('en-US')} job${result.count === 1 ? '' : 's'}`;
  const skipped = result.skipped ? ` ${result.skipped.toLocaleString('en-US')} skipped: they had moved, were locked or were gone.` : '';
  return `${kind === 'retry' ? 'Retried' : 'Deleted'} ${jobs}.${skipped}`;
}

export function useBulkAction(queue: QueueLocator) {
  const api = useApi();
  return useOptimisticAction({
    run: ({ kind, body }: BulkRequest) => api.fetch<BulkResult>(withPrefix(`${queuePath(queue.name)}/${kind}`, queue), post(body)),
    optimistic: async (client, { body }) => {
      if (body.group !== undefined) {
        return patchQueries<FailureGroups>(client, api.keys.failures(queue), (data) => ({ ...data, groups: data.groups.filter((group) => group.fingerprint !== body.group) }));
      }
      const ids = body.ids ? new Set(body.ids) : null;
      // Without ids the whole state is covered, except jobs younger than a clean's grace period.
      return body.graceMs ? [] : hideJobs(client, api.keys, queue, (job) => ids === null || ids.has(job.id), body.state);
    },
    success: describeBulk,
  });
}

export function usePauseToggle(queue: QueueLocator) {
  const api = useApi();
  return useOptimisticAction({
    run: (pause: boolean) => api.fetch<{ ok: true; paused: boolean }>(withPrefix(`${queuePath(queue.name)}/${pause ? 'pause' : 'resume'}`, queue), post()),
    optimistic: (client, pause) => patchQueries<QueueDetail>(client, api.keys.queue(queue), (detail) => ({ ...detail, paused: pause }), true),
    success: (_, pause) => (pause ? `Paused ${queue.name}: workers take no new jobs.` : `Resumed ${queue.name}.`),
  });
}
