'use client';

import { useState } from 'react';
import type { BulkAction } from '@/lib/queues/actions/bulk';
import type { JobState, JobSummary } from '@/lib/queues/types';
import { useApi, type QueueLocator } from '../api/hooks';
import { previewBulk, startBulk, type JobFilter } from '../api/search-hooks';
import { useConfirm } from '../ui/confirm-dialog';
import { useToast } from '../ui/toast';
import { ACTION_WORDS, jobsWord } from './describe';

const CONSEQUENCE: Record<BulkAction, string> = {
  retry: 'They move back to waiting.',
  promote: 'They move from delayed to waiting now.',
  delete: 'They are deleted with their data and logs. This cannot be undone.',
};

function PreviewBody({ action, matched, sample, description }: { action: BulkAction; matched: number; sample: JobSummary[]; description: string }) {
  return (
    <>
      <span className="block" data-testid="preview-count">
        {jobsWord(matched)} {description} (counted just now). {CONSEQUENCE[action]}
      </span>
      <span className="mt-2 block text-xs uppercase text-slate-500">For example</span>
      <ul className="mt-1 space-y-1 font-mono text-xs" data-testid="preview-sample">
        {sample.map((job) => (
          <li key={job.id} className="truncate">
            #{job.id} {job.name ?? ''} {job.failedReason ? `— ${job.failedReason.slice(0, 120)}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

function describeFilter(state: JobState, filter: JobFilter): string {
  const parts = [`${state.replace('-', ' ')}`];
  if (filter.q?.trim()) parts.push(`matching “${filter.q.trim()}”`);
  if (filter.group !== undefined) parts.push('in the failure group');
  if (filter.olderThanMs !== undefined || filter.newerThanMs !== undefined) parts.push('in the age range');
  return parts.join(' ');
}

/**
 * An action on every job matching the filter: an exact count and a sample first, a confirmation that says both,
 * then a background operation whose id goes to `onStarted`.
 */
export function useBulkByQuery(queue: QueueLocator, state: JobState, filter: JobFilter, onStarted: (operationId: string) => void) {
  const { ask, dialog } = useConfirm();
  const api = useApi();
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  const run = async (action: BulkAction) => {
    const body = { action, state, ...filter };
    const words = ACTION_WORDS[action];
    setBusy(true);
    try {
      const preview = await previewBulk(api, queue, body);
      if (preview.matched === 0) {
        toast({ kind: 'success', message: 'No job matches any more: nothing to do.' });
        return;
      }
      const confirmed = await ask({
        title: `${words.verb} ${jobsWord(preview.matched)}?`,
        body: <PreviewBody action={action} matched={preview.matched} sample={preview.sample} description={describeFilter(state, filter)} />,
        confirmLabel: `${words.verb} ${jobsWord(preview.matched)}`,
        destructive: action === 'delete',
      });
      if (!confirmed) return;
      onStarted((await startBulk(api, queue, body)).operationId);
    } catch (error) {
      toast({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return { run, dialog, busy };
}
