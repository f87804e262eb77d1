/** Where jobs go once a queue has more distinct job names than the limit. */
export const OTHER_JOB_NAME = '(other)';

/**
 * Caps the distinct job names one process records per queue, so names built from data (`email-1234`)
 * cannot grow the metrics store without bound: names past the cap are counted under OTHER_JOB_NAME.
 */
export class JobNameLimiter {
  /** prefix → queue → names: nested maps, so the per-job lookup builds no key string. */
  private readonly seen = new Map<string, Map<string, Set<string>>>();

  constructor(private readonly maxPerQueue = 100) {}

  nameFor(prefix: string, queue: string, jobName: string): string {
    let queues = this.seen.get(prefix);
    if (!queues) {
      queues = new Map();
      this.seen.set(prefix, queues);
    }
    let names = queues.get(queue);
    if (!names) {
      names = new Set();
      queues.set(queue, names);
    }
    if (names.has(jobName)) return jobName;
    if (names.size >= this.maxPerQueue) return OTHER_JOB_NAME;
    names.add(jobName);
    return jobName;
  }
}
