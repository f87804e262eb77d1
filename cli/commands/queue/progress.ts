import type { OnProgress } from '../../../lib/queues';

/** A live "retried 3,000 of 100,000" line on a terminal; nothing when stderr is a pipe or a log file. */
export function progressLine(verb: string): { onProgress: OnProgress; done(): void } {
  const live = process.stderr.isTTY === true;
  let shown = false;
  return {
    onProgress(progress) {
      if (!live) return;
      shown = true;
      process.stderr.write(`\r${verb} ${progress.done.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')}…`);
    },
    done() {
      if (shown) process.stderr.write('\n');
    },
  };
}
