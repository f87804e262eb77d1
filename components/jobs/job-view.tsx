'use client';

import { useSearchParams } from 'next/navigation';
import { ApiError } from '../api/client';
import { useCan } from '../auth/use-me';
import { useConnection, withConnection } from '../api/connection';
import { useJob } from '../api/hooks';
import { ConnectionLink } from '../layout/connection-link';
import { Freshness } from '../layout/freshness';
import { PageHeader } from '../layout/page-header';
import { EmptyState, ErrorState, Panel } from '../ui/panel';
import { FlowTree } from './flow-tree';
import { stateBadgeClass } from './job-state-badge';
import { JobActions } from './job-actions';
import { JsonBlock } from './json-block';
import { ProgressBar } from './progress-bar';
import { Timeline } from './timeline';

export function JobView({ queue, id }: { queue: string; id: string }) {
  const canAct = useCan('operator');
  const prefix = useSearchParams().get('prefix') ?? undefined;
  const locator = { name: queue, prefix };
  const { data: job, error, isError, isPending, dataUpdatedAt } = useJob(locator, id);
  const queueLink = withConnection(`/queues/${encodeURIComponent(queue)}${prefix ? `?prefix=${encodeURIComponent(prefix)}` : ''}`, useConnection());

  if (error instanceof ApiError && error.status === 404) {
    return (
      <EmptyState title={`Job ${id} was not found`} testId="job-not-found">
        {error.message} <ConnectionLink href={queueLink} className="text-sky-700 underline">Back to {queue}</ConnectionLink>
      </EmptyState>
    );
  }
  return (
    <div>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            <span className="font-mono">#{id}</span>
            <span>{job?.name ?? ''}</span>
            {job ? (
              <span data-testid="job-state" className={`rounded px-2 py-0.5 text-sm ${stateBadgeClass(job.state)}`}>
                {job.state}
              </span>
            ) : null}
          </span>
        }
        subtitle={
          <ConnectionLink href={queueLink} className="hover:underline">
            ← {queue}
          </ConnectionLink>
        }
      >
        <Freshness dataUpdatedAt={dataUpdatedAt} isError={isError} />
        {job && canAct ? <JobActions queue={locator} job={job} queueHref={queueLink} /> : null}
      </PageHeader>
      {isPending ? <p className="text-sm text-slate-500">Loading job…</p> : null}
      {isError && !job ? <ErrorState error={error} /> : null}
      {job ? (
        <div className="grid gap-4 lg:grid-cols-3">
          <div className="flex flex-col gap-4 lg:col-span-2">
            {job.malformed ? (
              <div role="alert" data-testid="job-malformed" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
                This job&apos;s hash in Redis is incomplete or damaged: {job.malformed}. Showing what could be read.
              </div>
            ) : null}
            {job.failedReason !== null || job.stacktrace.length > 0 ? (
              <Panel title="Failure">
                <p className="mb-3 whitespace-pre-wrap break-words font-medium text-red-700 dark:text-red-400" data-testid="failed-reason">
                  {job.failedReason}
                </p>
                {job.stacktrace.length ? (
                  <pre data-testid="stacktrace" className="max-h-96 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-100 p-3 font-mono text-xs dark:bg-slate-950">
                    {job.stacktrace.join('\n\n')}
                  </pre>
                ) : null}
              </Panel>
            ) : null}
            {job.parent || job.childCounts.total > 0 ? (
              <Panel title="Flow">
                <FlowTree job={job} />
              </Panel>
            ) : null}
            <Panel title="Data">
              <JsonBlock value={job.data} testId="job-data" invalid={job.invalidJsonFields.includes('data')} />
            </Panel>
            {job.returnvalue !== null ? (
              <Panel title="Return value">
                <JsonBlock value={job.returnvalue} testId="job-returnvalue" invalid={job.invalidJsonFields.includes('returnvalue')} />
              </Panel>
            ) : null}
            <Panel title={`Logs (${job.logCount})`}>
              {job.logs.length ? (
                <pre data-testid="job-logs" className="max-h-80 overflow-auto whitespace-pre-wrap break-all font-mono text-xs">
                  {job.logs.join('\n')}
                </pre>
              ) : (
                <p className="text-sm text-slate-500">No log lines. Jobs write them with job.log(&quot;…&quot;).</p>
              )}
              {job.logCount > job.logs.length ? <p className="mt-2 text-xs text-slate-500">Showing the last {job.logs.length} lines.</p> : null}
            </Panel>
          </div>
          <div className="flex flex-col gap-4">
            <Panel title="Progress">
              {job.progress === 0 || job.progress === null ? <p className="text-sm text-slate-500">No progress reported.</p> : <ProgressBar progress={job.progress} />}
            </Panel>
            <Panel title="Attempts">
              <p className="text-sm" data-testid="job-attempts">
                {job.attempts.made} made{job.attempts.max ? ` of ${job.attempts.max} allowed` : ''}
                {job.attempts.started !== null ? ` · ${job.attempts.started} started` : ''}
              </p>
            </Panel>
            <Panel title="Timeline">
              <Timeline events={job.timeline} />
            </Panel>
            <Panel title="Options">
              <JsonBlock value={job.opts} testId="job-opts" invalid={job.invalidJsonFields.includes('opts')} />
            </Panel>
          </div>
        </div>
      ) : null}
    </div>
  );
}
