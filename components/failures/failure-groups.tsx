'use client';

import { useEffect, useState } from 'react';
import type { FailureGroup } from '@/lib/queues/failures/groups';
import { useBulkAction } from '../api/actions';
import { useCan } from '../auth/use-me';
import { useFailureGroups, type QueueLocator } from '../api/hooks';
import { formatAgo, formatCount } from '../format';
import { jobHref } from '../jobs/job-table';
import { ConnectionLink } from '../layout/connection-link';
import { useConfirm } from '../ui/confirm-dialog';
import { ErrorState } from '../ui/panel';

const SHOWN_AT_FIRST = 10;

/** Failed jobs grouped by error, biggest first, like an error tracker; each group can be retried or deleted whole. */
export function FailureGroupsPanel({ queue, onShowGroup }: { queue: QueueLocator; onShowGroup(fingerprint: string): void }) {
  const failures = useFailureGroups(queue);
  const bulk = useBulkAction(queue);
  const canAct = useCan('operator');
  const { ask, dialog } = useConfirm();
  const [showAll, setShowAll] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);

  const data = failures.data;
  if (failures.isError && !data) return <ErrorState error={failures.error} />;
  if (!data || data.groups.length === 0) return null;
  const sampledOnly = data.sampled < data.total;
  // Counts come from the newest `sampled` jobs; a group's older jobs are included when it is retried or deleted.
  const countText = (group: FailureGroup) => `${sampledOnly ? 'at least ' : ''}${formatCount(group.count)} job${group.count === 1 ? '' : 's'}`;

  const act = async (kind: 'retry' | 'clean', group: FailureGroup) => {
    const retry = kind === 'retry';
    const confirmed = await ask({
      title: `${retry ? 'Retry' : 'Delete'} ${countText(group)} of this group?`,
      body: (
        <>
          <span className="block break-words font-mono text-xs">{group.pattern}</span>
          <span className="mt-2 block">{retry ? 'They move back to waiting.' : 'They are deleted with their data and logs. This cannot be undone.'}</span>
        </>
      ),
      confirmLabel: `${retry ? 'Retry' : 'Delete'} group`,
      destructive: !retry,
    });
    if (confirmed) bulk.mutate({ kind, body: { state: 'failed', group: group.fingerprint, ...(retry ? {} : { graceMs: 0 }) } });
  };

  const groups = showAll ? data.groups : data.groups.slice(0, SHOWN_AT_FIRST);
  return (
    <section className="mb-5" data-testid="failure-groups">
      {dialog}
      <h3 className="mb-2 flex items-baseline gap-2 text-sm font-semibold">
        Failure groups
        <span className="font-normal text-slate-500">
          {formatCount(data.groups.length)} distinct error{data.groups.length === 1 ? '' : 's'}
          {sampledOnly ? ` in the newest ${formatCount(data.sampled)} of ${formatCount(data.total)} failed jobs` : ''}
        </span>
      </h3>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {groups.map((group) => (
          <li key={group.fingerprint} data-testid="failure-group" data-fingerprint={group.fingerprint} className="flex items-start gap-4 p-3">
            <span className="min-w-16 rounded-full bg-red-100 px-2 py-0.5 text-center text-sm font-semibold tabular-nums text-red-800 dark:bg-red-950 dark:text-red-200" data-testid="group-count">
              {formatCount(group.count)}
            </span>
            <div className="min-w-0 flex-1">
              <p className="break-words text-sm font-medium">
                <span className="text-red-700 dark:text-red-400">{group.errorClass ?? 'Error'}</span>: <span data-testid="group-message">{group.message}</span>
              </p>
              {group.topFrame ? <p className="truncate font-mono text-xs text-slate-500">{group.topFrame}</p> : null}
              <p className="mt-1 text-xs text-slate-500">
                last {formatAgo(group.lastSeen, now)} · first {formatAgo(group.firstSeen, now)} · e.g.{' '}
                <ConnectionLink href={jobHref(queue.name, group.sampleJobId, queue.prefix)} className="font-mono text-sky-700 hover:underline dark:text-sky-400">
                  #{group.sampleJobId}
                </ConnectionLink>
              </p>
            </div>
            <span className="flex shrink-0 gap-1">
              <button type="button" data-testid="group-show" className="rounded border px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800" onClick={() => onShowGroup(group.fingerprint)}>
                Show jobs
              </button>
            </span>
            {canAct ? (
            <span className="flex shrink-0 gap-1">
              <button type="button" data-testid="group-retry" disabled={bulk.isPending} className="rounded border px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800" onClick={() => void act('retry', group)}>
                Retry group
              </button>
              <button type="button" data-testid="group-delete" disabled={bulk.isPending} className="rounded border px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 disabled:opacity-40 dark:border-slate-700 dark:text-red-400 dark:hover:bg-red-950" onClick={() => void act('clean', group)}>
                Delete group
              </button>
            </span>
            ) : null}
          </li>
        ))}
      </ul>
      {data.groups.length > SHOWN_AT_FIRST ? (
        <button type="button" className="mt-2 text-sm text-sky-700 underline dark:text-sky-400" onClick={() => setShowAll((value) => !value)}>
          {showAll ? 'Show fewer groups' : `Show all ${formatCount(data.groups.length)} groups`}
        </button>
      ) : null}
      <h3 className="mb-2 mt-5 text-sm font-semibold">Failed jobs</h3>
    </section>
  );
}
