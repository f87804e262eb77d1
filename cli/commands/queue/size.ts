import { formatTable } from '../../table';
import { commonFlags, EXIT, out, queueCommand } from './runner';
import { readSizes } from './sizes';

export const size = queueCommand({
  summary: 'Jobs per state of every queue, or of one; size = waiting + prioritized',
  usage: 'lookout queue:size [queue] [--prefix=<prefix>] [--json]',
  positionals: { min: 0, max: 1 },
  flags: commonFlags.strict(),
  async run({ positionals: [name], flags, json }) {
    const sizes = await readSizes(name, flags.prefix);
    if (json) {
      out.json({ queues: sizes });
      return EXIT.ok;
    }
    if (sizes.length === 0) {
      out.line('No queues found under the configured prefixes (LOOKOUT_PREFIXES).');
      return EXIT.ok;
    }
    const prefixes = new Set(sizes.map((queue) => queue.prefix));
    out.line(
      formatTable(
        ['queue', ...(prefixes.size > 1 ? ['prefix'] : []), 'size', 'waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed', 'status'],
        sizes.map((queue) => [
          queue.name,
          ...(prefixes.size > 1 ? [queue.prefix] : []),
          queue.size,
          queue.counts.waiting,
          queue.counts.prioritized,
          queue.counts.active,
          queue.counts.delayed,
          queue.counts.failed,
          queue.counts.completed,
          queue.paused ? 'paused' : 'running',
        ]),
      ),
    );
    return EXIT.ok;
  },
});
