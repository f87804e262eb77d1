import { z } from 'zod';
import { getFailureGroups, getQueueJobs, type FailureGroup, type JobSummary } from '../../../lib/queues';
import { formatTable, oneLine } from '../../table';
import { commonFlags, EXIT, intFlag, out, queueCommand } from './runner';
import { readSizes } from './sizes';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z'));

export const failed = queueCommand({
  summary: 'Failed jobs, newest first (or --groups: grouped by error), of one queue or of all',
  usage: 'lookout queue:failed [queue] [--limit=20] [--groups] [--prefix=<prefix>] [--json]',
  positionals: { min: 0, max: 1 },
  flags: commonFlags.extend({ limit: intFlag(1, 500).default(20), groups: z.literal(true).optional() }).strict(),
  async run({ positionals: [name], flags, json }) {
    const queues = (await readSizes(name, flags.prefix)).filter((queue) => name !== undefined || queue.counts.failed > 0);
    if (flags.groups) {
      const groups = await Promise.all(queues.map(async (queue) => ({ queue: queue.name, ...(await getFailureGroups(queue.name, queue.prefix)) })));
      if (json) out.json({ queues: groups });
      else printGroups(groups);
      return EXIT.ok;
    }
    const pages = await Promise.all(
      queues.map(async (queue) => ({ queue: queue.name, ...(await getQueueJobs(queue.name, { state: 'failed', limit: flags.limit, offset: 0, prefix: queue.prefix })) })),
    );
    if (json) out.json({ queues: pages.map(({ queue, jobs, total }) => ({ queue, total, jobs })) });
    else printJobs(pages);
    return EXIT.ok;
  },
});

function printJobs(pages: { queue: string; jobs: JobSummary[]; total: number }[]): void {
  const rows = pages.flatMap(({ queue, jobs }) => jobs.map((job) => [queue, job.id, job.name, iso(job.finishedOn), job.attemptsMade, oneLine(job.failedReason)]));
  if (rows.length === 0) {
    out.line('No failed jobs.');
    return;
  }
  out.line(formatTable(['queue', 'id', 'name', 'failed at', 'attempts', 'reason'], rows));
  for (const page of pages) {
    if (page.total > page.jobs.length) out.line(`${page.queue}: showing the newest ${page.jobs.length} of ${page.total.toLocaleString('en-US')} failed jobs (--limit).`);
  }
}

function printGroups(queues: { queue: string; groups: FailureGroup[]; sampled: number; total: number }[]): void {
  const rows = queues.flatMap(({ queue, groups }) =>
    groups.map((group) => [queue, group.count, group.fingerprint, group.errorClass, oneLine(group.pattern, 60), iso(group.lastSeen)]),
  );
  if (rows.length === 0) {
    out.line('No failed jobs.');
    return;
  }
  out.line(formatTable(['queue', 'count', 'group', 'error', 'message', 'last seen'], rows));
  for (const queue of queues) {
    if (queue.sampled < queue.total) out.line(`${queue.queue}: grouped the newest ${queue.sampled.toLocaleString('en-US')} of ${queue.total.toLocaleString('en-US')} failed jobs.`);
  }
}
