'use client';

import { useRouter } from 'next/navigation';
import type { JobDetail } from '@/lib/queues/types';
import { useJobAction, type JobAction } from '../api/actions';
import type { QueueLocator } from '../api/hooks';
import { buttonClass } from '../ui/button-styles';
import { useConfirm } from '../ui/confirm-dialog';
import { ACTION_LABEL, availableActions } from './available-actions';

/** Retry / promote / delete on the job page; after a delete it goes back to the queue the job was in. */
export function JobActions({ queue, job, queueHref }: { queue: QueueLocator; job: JobDetail; queueHref: string }) {
  const router = useRouter();
  const action = useJobAction(queue);
  const { ask, dialog } = useConfirm();

  const run = async (kind: JobAction) => {
    if (kind === 'delete') {
      const confirmed = await ask({ title: `Delete job ${job.id}?`, body: 'Its data, logs and children are removed for good: 1 job.', confirmLabel: 'Delete 1 job', destructive: true });
      if (!confirmed) return;
      action.mutate({ action: kind, id: job.id }, { onSuccess: () => router.push(`${queueHref}${queueHref.includes('?') ? '&' : '?'}state=${job.state}`) });
      return;
    }
    action.mutate({ action: kind, id: job.id });
  };

  const actions = availableActions(job.state);
  return (
    <>
      {dialog}
      {actions.map((kind) => (
        <button
          key={kind}
          type="button"
          data-testid={`job-${kind}`}
          disabled={action.isPending}
          onClick={() => void run(kind)}
          className={buttonClass(kind === 'delete' ? 'danger' : 'default')}
        >
          {ACTION_LABEL[kind]}
        </button>
      ))}
      {job.state === 'active' ? <span className="text-xs text-slate-500">A worker is running this job; it can be deleted once it finishes or fails.</span> : null}
    </>
  );
}
