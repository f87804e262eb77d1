import { pauseQueueAction, resumeQueueAction } from '../../../lib/queues';
import { cliActor, commonFlags, EXIT, out, queueCommand } from './runner';

export const pause = queueCommand({
  summary: 'Pause a queue: workers finish running jobs and take no new ones',
  usage: 'lookout queue:pause <queue> [--prefix=<prefix>] [--json]',
  positionals: { min: 1, max: 1 },
  flags: commonFlags.strict(),
  async run({ positionals: [queue = ''], flags, json }) {
    const result = await pauseQueueAction({ queue, prefix: flags.prefix }, cliActor());
    if (json) out.json(result);
    else out.line(`Paused ${queue}: workers take no new jobs until \`lookout queue:resume ${queue}\`.`);
    return EXIT.ok;
  },
});

export const resume = queueCommand({
  summary: 'Resume a paused queue',
  usage: 'lookout queue:resume <queue> [--prefix=<prefix>] [--json]',
  positionals: { min: 1, max: 1 },
  flags: commonFlags.strict(),
  async run({ positionals: [queue = ''], flags, json }) {
    const result = await resumeQueueAction({ queue, prefix: flags.prefix }, cliActor());
    if (json) out.json(result);
    else out.line(`Resumed ${queue}.`);
    return EXIT.ok;
  },
});
