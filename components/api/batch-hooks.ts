'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BatchDetail, BatchView } from '@/lib/batches/types';
import { useToast } from '../ui/toast';
import { POLL_INTERVAL_MS, useApi, type QueryKeys } from './hooks';

/** Batch keys, under the connection's keys (see queryKeys) like every other query. */
export function batchKeys(keys: QueryKeys) {
  const root = [...keys.root(), 'batches'] as const;
  return {
    all: () => root,
    batch: (id: string, prefix: string | undefined) => [...root, prefix ?? '', id] as const,
  };
}

export function batchPath(id: string, prefix: string | undefined, action = ''): string {
  const path = `/api/batches/${encodeURIComponent(id)}${action}`;
  return prefix ? `${path}?prefix=${encodeURIComponent(prefix)}` : path;
}

export function useBatches() {
  const api = useApi();
  return useQuery({
    queryKey: batchKeys(api.keys).all(),
    queryFn: () => api.fetch<{ batches: BatchView[] }>('/api/batches'),
    refetchInterval: POLL_INTERVAL_MS,
  });
}

export function useBatch(id: string, prefix: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: batchKeys(api.keys).batch(id, prefix),
    queryFn: () => api.fetch<BatchDetail>(batchPath(id, prefix)),
    refetchInterval: POLL_INTERVAL_MS,
    placeholderData: undefined,
  });
}

export type BatchAction = 'retry' | 'cancel';

/** Retry-failed and cancel: a toast says how it went, then the batch, its list, the queues and the audit log refetch. */
export function useBatchAction(id: string, prefix: string | undefined) {
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (action: BatchAction) =>
      api.fetch<{ count?: number; ok?: true }>(batchPath(id, prefix, `/${action}`), { method: 'POST', headers: { 'Content-Type': 'application/json' } }),
    onSuccess: (result, action) => {
      const count = result.count ?? 0;
      toast({
        kind: 'success',
        message: action === 'retry' ? `Retried ${count.toLocaleString('en-US')} failed job${count === 1 ? '' : 's'}.` : 'Cancelled the batch: its jobs that have not started will be skipped.',
      });
    },
    onError: (error) => toast({ kind: 'error', message: error.message }),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: batchKeys(api.keys).all() }),
        client.invalidateQueries({ queryKey: api.keys.queues() }),
        client.invalidateQueries({ queryKey: api.keys.audits() }),
      ]);
    },
  });
}
