import { z } from 'zod';
import { RETRYABLE_STATES, retryJobAction, retryJobsAction, type BulkResult } from '../../../lib/queues';
import { progressLine } from './progress';
import { cliActor, commonFlags, EXIT, out, queueCommand, usageError } from './runner';

const plural = (count: number, word: string) => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

function bulkSummary(queue: string, result: BulkResult): string {
  const skipped = result.skipped ? `; ${plural(result.skipped, 'job')} skipped (retried, deleted or moved by someone else meanwhile)` : '';
  return `Retried ${plural(result.count, 'job')} of ${queue}${skipped}.`;
}

export const retry = queueCommand({
  summary: 'Retry failed jobs: one, several, all, or one failure group (--group)',
  usage: 'lookout queue:retry <queue> <id…|all> [--state=failed|completed] [--group=<fingerprint>] [--prefix=<prefix>] [--json]',
  positionals: { min: 2, max: 1001 },
  flags: commonFlags
    .extend({
      state: z.enum(RETRYABLE_STATES).default('failed'),
      group: z.string().regex(/^[0-9a-f]{16}$/, 'must be a group fingerprint from `lookout queue:failed --groups`').optional(),
    })
    .strict(),
  async run({ positionals: [queue = '', ...ids], flags, json }) {
    const target = { queue, prefix: flags.prefix };
    const all = ids.length === 1 && ids[0] === 'all';
    if (flags.group !== undefined && !all) throw usageError('--group needs `all` in place of job ids');

    if (ids.length === 1 && !all) {
      const id = ids[0] ?? '';
      const result = await retryJobAction({ ...target, id }, cliActor());
      if (json) out.json(result);
      else out.line(`Retried job ${id} of ${queue} (it was ${result.previousState}); it is waiting again.`);
      return EXIT.ok;
    }

    const progress = progressLine('retried');
    const selection = all ? { group: flags.group } : { ids };
    const result = await retryJobsAction(target, { state: flags.state, ...selection }, cliActor(), progress.onProgress);
    progress.done();
    if (json) out.json(result);
    else out.line(bulkSummary(queue, result));
    return EXIT.ok;
  },
});
