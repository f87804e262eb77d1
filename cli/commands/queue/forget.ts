import { deleteJobAction } from '../../../lib/queues';
import { cliActor, commonFlags, EXIT, out, queueCommand } from './runner';

export const forget = queueCommand({
  summary: 'Delete one job (refused while a worker runs it)',
  usage: 'lookout queue:forget <queue> <id> [--prefix=<prefix>] [--json]',
  positionals: { min: 2, max: 2 },
  flags: commonFlags.strict(),
  async run({ positionals: [queue = '', id = ''], flags, json }) {
    const result = await deleteJobAction({ queue, id, prefix: flags.prefix }, cliActor());
    if (json) out.json(result);
    else out.line(`Deleted job ${id} of ${queue} (it was ${result.previousState}).`);
    return EXIT.ok;
  },
});
