'use client';

import { useState } from 'react';
import type { AuditEntry } from '@/lib/audit/types';
import { useAudit } from '../api/hooks';
import { formatCount, formatDuration, formatTimestamp } from '../format';
import { ConnectionLink } from '../layout/connection-link';
import { Freshness } from '../layout/freshness';
import { PageHeader } from '../layout/page-header';
import { DataTable } from '../ui/data-table';
import { EmptyState, ErrorState, Panel } from '../ui/panel';

const ACTION_TEXT: Record<AuditEntry['action'], string> = {
  'job.retry': 'retried a job',
  'job.delete': 'deleted a job',
  'job.promote': 'promoted a job',
  'queue.retry': 'bulk retry',
  'queue.clean': 'bulk delete',
  'queue.pause': 'paused the queue',
  'queue.resume': 'resumed the queue',
  'bulk.retry': 'retry by query',
  'bulk.delete': 'delete by query',
  'bulk.promote': 'promote by query',
  'batch.retry': "retried a batch's failed jobs",
  'batch.cancel': 'cancelled a batch',
  unknown: 'unknown action',
};

function describeParams(entry: AuditEntry): string {
  return Object.entries(entry.params)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

function queueHref(entry: AuditEntry): string {
  return `/queues/${encodeURIComponent(entry.queue)}?prefix=${encodeURIComponent(entry.prefix)}`;
}

/** Every operator action and refusal, newest first: who, what, where, how many, how it ended. */
export function AuditView() {
  const [cursors, setCursors] = useState<string[]>(['']);
  const cursor = cursors[cursors.length - 1] ?? '';
  const audit = useAudit(cursor);
  const entries = audit.data?.entries ?? [];
  return (
    <div>
      <PageHeader title="Audit log" subtitle="Every retry, delete, promote, clean, pause and resume, with who did it and how it ended.">
        <Freshness dataUpdatedAt={audit.dataUpdatedAt} isError={audit.isError} />
      </PageHeader>
      {audit.isError && !audit.data ? <ErrorState error={audit.error} /> : null}
      <Panel>
        {audit.data && entries.length === 0 ? (
          <EmptyState title="Nothing recorded yet" testId="audit-empty">
            Actions taken in the dashboard, through the API or with <code>lookout queue:*</code> commands appear here.
          </EmptyState>
        ) : null}
        {entries.length > 0 ? (
          <DataTable
            testId="audit-table"
            fixed
            columns={[
              { label: 'When', className: 'w-48' },
              { label: 'Who', className: 'w-48' },
              { label: 'What', className: 'w-40' },
              { label: 'Queue', className: 'w-40' },
              { label: 'Jobs' },
              { label: 'Count', align: 'right', className: 'w-20' },
              { label: 'Result', className: 'w-64' },
            ]}
          >
            {entries.map((entry) => (
              <tr key={entry.id} data-testid="audit-row" data-action={entry.action} data-result={entry.result} className="border-t border-slate-100 align-top dark:border-slate-800">
                <td className="py-2 pr-4 tabular-nums text-slate-500">{formatTimestamp(entry.at)}</td>
                <td className="truncate py-2 pr-4" title={`${entry.actor.role} via ${entry.actor.via}`}>
                  {entry.actor.name}
                </td>
                <td className="py-2 pr-4">
                  {ACTION_TEXT[entry.action]}
                  {describeParams(entry) ? <span className="block font-mono text-xs text-slate-500">{describeParams(entry)}</span> : null}
                </td>
                <td className="truncate py-2 pr-4">
                  <ConnectionLink href={queueHref(entry)} className="text-sky-700 hover:underline dark:text-sky-400">
                    {entry.queue}
                  </ConnectionLink>
                </td>
                <td className="truncate py-2 pr-4 font-mono text-xs" data-testid="audit-jobs" title={entry.jobIds.join(', ')}>
                  {entry.jobIds.join(', ')}
                </td>
                <td className="py-2 pr-4 text-right tabular-nums">{formatCount(entry.count)}</td>
                <td className="py-2">
                  <span
                    className={`rounded px-1.5 py-0.5 text-xs ${
                      entry.result === 'ok' ? 'bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-200' : 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200'
                    }`}
                  >
                    {entry.result === 'ok' ? 'done' : 'refused'}
                  </span>{' '}
                  <span className="text-xs text-slate-500">{formatDuration(entry.durationMs)}</span>
                  {entry.message ? <span className="mt-1 block break-words text-xs text-slate-600 dark:text-slate-300">{entry.message}</span> : null}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        <div className="mt-3 flex justify-end gap-2 text-sm">
          <button type="button" className="rounded border px-3 py-1 disabled:opacity-40 dark:border-slate-700" disabled={cursors.length <= 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
            Newer
          </button>
          <button
            type="button"
            data-testid="audit-older"
            className="rounded border px-3 py-1 disabled:opacity-40 dark:border-slate-700"
            disabled={!audit.data?.nextCursor}
            onClick={() => audit.data?.nextCursor && setCursors((list) => [...list, audit.data.nextCursor as string])}
          >
            Older
          </button>
        </div>
      </Panel>
    </div>
  );
}
