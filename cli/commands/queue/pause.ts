import { pauseQueueAction, resumeQueueAction } from '../../../lib/queues';
import { cliActor, commonFlags, EXIT, out, queueCommand } from './runner';

function pauseCommand(pause: boolean) {
  const verb = pause ? 'pause' : 'resume';
  return queueCommand({
    summary: pause ? 'Pause a queue: workers finish running jobs and take no new ones' : 'Resume a paused queue',
    usage: `lookout queue:${verb} <queue> [--prefix=<prefix>] [--json]`,
    positionals: { min: 1, max: 1 },
    flags: commonFlags.strict(),
    async run({ positionals: [queue = ''], flags, json }) {
      const result = await (pause ? pauseQueueAction : resumeQueueAction)({ queue, prefix: flags.prefix }, cliActor());
      if (json) out.json(result);
      else out.line(pause ? `Paused ${queue}: workers take no new jobs until \`lookout queue:resume ${queue}\`.` : `Resumed ${queue}.`);
      return EXIT.ok;
    },
  });
}

export const pause = pauseCommand(true);
export const resume = pauseCommand(false);
