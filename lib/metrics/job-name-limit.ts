/** Where jobs go once a queue has more distinct job names than the limit. */
export const OTHER_JOB_NAME = '(other)';

/**
 * Caps the distinct job names one process records per queue, so names built from data (`email-1234`)
 * cannot grow the metrics store without bound: names past the cap are counted under OTHER_JOB_NAME.
 */
export class JobNameLimiter {
  private readonly seen = new Map<string, Set<string>>();

  constructor(private readonly maxPerQueue = 100) {}

  nameFor(prefix: string, queue: string, jobName: string): string {
    const id = `${prefix}\u0000${queue}`;
    let names = this.seen.get(id);
    if (!names) {
      names = new Set();
      this.seen.set(id, names);
    }
    if (names.has(jobName)) return jobName;
    if (names.size >= this.maxPerQueue) return OTHER_JOB_NAME;
    names.add(jobName);
    return jobName;
  }
}
