import { isAppError } from '../../../lib/errors';
import { formatTable } from '../../table';
import { commonFlags, EXIT, intFlag, out, queueCommand } from './runner';
import { readSizes } from './sizes';

type Status = 'ok' | 'over' | 'not found';

export const monitor = queueCommand({
  summary: 'Exit 1 with a message when a queue holds more than --max jobs ready to run (for cron and health checks)',
  usage: 'lookout queue:monitor <queue,…> [--max=1000] [--prefix=<prefix>] [--json]',
  positionals: { min: 1, max: 100 },
  flags: commonFlags.extend({ max: intFlag(0, Number.MAX_SAFE_INTEGER).default(1000) }).strict(),
  async run({ positionals, flags, json }) {
    const names = positionals.flatMap((list) => list.split(',')).map((name) => name.trim()).filter(Boolean);
    const rows = await Promise.all(
      names.map(async (name) => {
        try {
          const [queue] = await readSizes(name, flags.prefix);
          const size = queue?.size ?? 0;
          return { name, size, max: flags.max, status: (size > flags.max ? 'over' : 'ok') as Status };
        } catch (error) {
          if (isAppError(error) && error.code === 'NotFound') return { name, size: null, max: flags.max, status: 'not found' as Status };
          throw error;
        }
      }),
    );
    const failing = rows.filter((row) => row.status !== 'ok');
    if (json) out.json({ queues: rows, ok: failing.length === 0 });
    else out.line(formatTable(['queue', 'size', 'max', 'status'], rows.map((row) => [row.name, row.size, row.max, row.status.toUpperCase()])));
    for (const row of failing) {
      out.note(
        row.status === 'over'
          ? `${row.name} has ${(row.size ?? 0).toLocaleString('en-US')} jobs ready to run, over the maximum of ${flags.max.toLocaleString('en-US')}.`
          : `${row.name} was not found under the configured prefixes.`,
      );
    }
    return failing.length ? EXIT.failed : EXIT.ok;
  },
});
