import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { CLEANABLE_STATES, cleanJobsAction } from '../../../lib/queues';
import { progressLine } from './progress';
import { cliActor, commonFlags, EXIT, intFlag, out, queueCommand } from './runner';

async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

export const clear = queueCommand({
  summary: 'Delete the jobs of one state (default waiting), optionally only those older than --grace ms',
  usage: `lookout queue:clear <queue> [--state=${CLEANABLE_STATES.join('|')}] [--grace=<ms>] [--force] [--prefix=<prefix>] [--json]`,
  positionals: { min: 1, max: 1 },
  flags: commonFlags
    .extend({
      state: z.enum(CLEANABLE_STATES).default('waiting'),
      grace: intFlag(0, Number.MAX_SAFE_INTEGER).default(0),
      force: z.literal(true).optional(),
    })
    .strict(),
  async run({ positionals: [queue = ''], flags, json }) {
    const what = `${flags.state} jobs of ${queue}${flags.grace ? ` older than ${flags.grace.toLocaleString('en-US')} ms` : ''}`;
    // Scripts and pipes run unattended; a person at a terminal confirms first.
    if (process.stdin.isTTY && !flags.force && !(await confirm(`Delete the ${what}?`))) {
      out.note('Nothing deleted.');
      return EXIT.failed;
    }
    const progress = progressLine('deleted');
    const result = await cleanJobsAction({ queue, prefix: flags.prefix }, { state: flags.state, graceMs: flags.grace }, cliActor(), progress.onProgress);
    progress.done();
    if (json) out.json(result);
    else out.line(`Deleted ${result.count.toLocaleString('en-US')} ${what}${result.skipped ? ` (${result.skipped.toLocaleString('en-US')} locked or gone, left alone)` : ''}.`);
    return EXIT.ok;
  },
});
