'use client';

import { useEffect, useState } from 'react';
import type { JobState, JobSummary } from '@/lib/queues/types';
import type { JobAction } from '../api/actions';
import { formatAgo } from '../format';
import { ConnectionLink } from '../layout/connection-link';
import { ACTION_LABEL, availableActions } from './available-actions';
import { ProgressBar } from './progress-bar';

export function jobHref(queue: string, id: string, prefix?: string): string {
  return `/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(id)}${prefix ? `?prefix=${encodeURIComponent(prefix)}` : ''}`;
}

function timeColumn(state: JobState): { label: string; pick: (job: JobSummary) => number | null } {
  if (state === 'completed' || state === 'failed') return { label: 'Finished', pick: (job) => job.finishedOn };
  if (state === 'active') return { label: 'Started', pick: (job) => job.processedOn };
  return { label: 'Created', pick: (job) => job.timestamp };
}

/** Checkboxes and per-row buttons; without it the table only lists jobs. */
export interface JobTableActions {
  selected: ReadonlySet<string>;
  onSelect(ids: readonly string[], selected: boolean): void;
  onAction(action: JobAction, job: JobSummary): void;
}

export function JobTable({ queue, prefix, state, jobs, actions }: { queue: string; prefix?: string; state: JobState; jobs: JobSummary[]; actions?: JobTableActions }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const time = timeColumn(state);
  const allSelected = actions !== undefined && jobs.length > 0 && jobs.every((job) => actions.selected.has(job.id));
  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed text-sm" data-testid="job-table">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            {actions ? (
              <th className="w-8 py-2">
                <input
                  type="checkbox"
                  aria-label="Select every job on this page"
                  data-testid="select-all"
                  checked={allSelected}
                  onChange={(event) => actions.onSelect(jobs.map((job) => job.id), event.target.checked)}
                />
              </th>
            ) : null}
            <th className="w-28 py-2 pr-4">Id</th>
            <th className="w-48 py-2 pr-4">Name</th>
            <th className="w-20 py-2 pr-4 text-right">Attempts</th>
            <th className="w-32 py-2 pr-4">{time.label}</th>
            <th className="py-2 pr-4">{state === 'failed' ? 'Reason' : 'Progress'}</th>
            {actions ? <th className="w-40 py-2 text-right">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-testid="job-row" data-job-id={job.id} className="border-t border-slate-100 align-top dark:border-slate-800">
              {actions ? (
                <td className="py-2">
                  <input
                    type="checkbox"
                    aria-label={`Select job ${job.id}`}
                    data-testid="row-select"
                    checked={actions.selected.has(job.id)}
                    onChange={(event) => actions.onSelect([job.id], event.target.checked)}
                  />
                </td>
              ) : null}
              <td className="truncate py-2 pr-4 font-mono">
                <ConnectionLink href={jobHref(queue, job.id, prefix)} className="text-sky-700 hover:underline dark:text-sky-400">
                  {job.id}
                </ConnectionLink>
              </td>
              <td className="truncate py-2 pr-4">
                {job.name ?? <span className="italic text-slate-400">no name</span>}
                {job.malformed ? (
                  <span data-testid="row-malformed" className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200" title={job.malformed}>
                    malformed
                  </span>
                ) : null}
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">{job.attemptsMade}</td>
              <td className="py-2 pr-4 text-slate-500">{formatAgo(time.pick(job), now)}</td>
              <td className="truncate py-2 pr-4">
                {state === 'failed' ? (
                  <span className="text-red-700 dark:text-red-400" title={job.failedReason ?? ''}>
                    {job.failedReason?.slice(0, 300) ?? ''}
                  </span>
                ) : (
                  <ProgressBar progress={job.progress} compact />
                )}
              </td>
              {actions ? (
                <td className="py-1.5 text-right">
                  <span className="inline-flex gap-1">
                    {availableActions(state).map((action) => (
                      <button
                        key={action}
                        type="button"
                        data-testid={`row-${action}`}
                        onClick={() => actions.onAction(action, job)}
                        className={`rounded border px-2 py-0.5 text-xs dark:border-slate-700 ${
                          action === 'delete' ? 'text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950' : 'hover:bg-slate-100 dark:hover:bg-slate-800'
                        }`}
                      >
                        {ACTION_LABEL[action]}
                      </button>
                    ))}
                  </span>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
