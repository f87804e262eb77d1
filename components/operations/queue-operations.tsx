'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { OperationView } from '@/lib/operations/types';
import { useApi, type QueueLocator } from '../api/hooks';
import { useRunningOperations } from '../api/search-hooks';
import { useCan } from '../auth/use-me';
import { useToast } from '../ui/toast';
import { describeOperation } from './describe';
import { OperationProgress } from './operation-progress';

/**
 * The background operations of a queue: the ones started from this page, and any other still running (started by
 * someone else, or before a reload). Each shows its progress until it is dismissed.
 */
export function QueueOperations({ queue, started }: { queue: QueueLocator; started: readonly string[] }) {
  const running = useRunningOperations(queue);
  const { keys } = useApi();
  const canCancel = useCan('operator');
  const client = useQueryClient();
  const toast = useToast();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const ids = [...new Set([...started, ...(running.data?.operations ?? []).map((operation) => operation.id)])].filter((id) => !dismissed.has(id));

  const onEnded = useCallback(
    (operation: OperationView) => {
      toast({ kind: operation.state === 'failed' ? 'error' : 'success', message: describeOperation(operation) });
      // Counts, lists, searches and failure groups of the queue all changed; so did the audit log.
      void client.invalidateQueries({ queryKey: keys.queue(queue) });
      void client.invalidateQueries({ queryKey: keys.queues() });
      void client.invalidateQueries({ queryKey: keys.audits() });
    },
    [client, keys, queue, toast],
  );

  if (ids.length === 0) return null;
  return (
    <section className="mb-4 flex flex-col gap-2" data-testid="queue-operations" aria-label="Background operations">
      {ids.map((id) => (
        <OperationProgress key={id} id={id} canCancel={canCancel} onEnded={onEnded} onDismiss={() => setDismissed((set) => new Set(set).add(id))} />
      ))}
    </section>
  );
}
