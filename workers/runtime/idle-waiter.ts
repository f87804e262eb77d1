import type { RedisClient } from '../../lib/redis';
import { errorMessage } from '../errors';

/**
 * Where idle slots wait for work: one BZPOPMIN over the BullMQ marker keys of every queue the worker serves
 * (BullMQ adds a marker whenever a job becomes available, scored 0, or a delayed job's due time). A new job in
 * any queue wakes every waiting slot at once, and no slot polls.
 */
export class IdleWaiter {
  private waiters: (() => void)[] = [];
  private blocking: Promise<void> | null = null;
  /** A marker was popped while nobody waited: the next wait() returns at once rather than lose it. */
  private missedWake = false;
  /** Earliest due time of a delayed job we popped the marker of (0: none known). */
  private dueAt = 0;
  private closed = false;

  constructor(
    private readonly client: RedisClient,
    private readonly markerKeys: readonly string[],
    private readonly maxBlockMs: number,
  ) {}

  wait(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.missedWake) {
      this.missedWake = false;
      return Promise.resolve();
    }
    const waited = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.blocking ??= this.block().finally(() => {
      this.blocking = null;
      this.wakeAll(true);
    });
    return waited;
  }

  /** Wakes every waiting slot now (stop, pause). */
  wakeAll(fromMarker = false): void {
    if (fromMarker && this.waiters.length === 0) this.missedWake = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private async block(): Promise<void> {
    while (!this.closed) {
      const now = Date.now();
      let timeoutMs = this.maxBlockMs;
      if (this.dueAt > 0) {
        if (this.dueAt <= now) {
          this.dueAt = 0;
          return;
        }
        timeoutMs = Math.min(timeoutMs, this.dueAt - now);
      }
      let popped: [string, string, string] | null;
      try {
        popped = (await this.client.bzpopmin(...this.markerKeys, Math.max(timeoutMs, 1) / 1000)) as [string, string, string] | null;
      } catch (error) {
        // Closing disconnects the client under a pending BZPOPMIN; anything else is retried by the next wait.
        if (!this.closed) console.error(`[lookout] idle wait: ${errorMessage(error)}`);
        return;
      }
      if (!popped) return;
      const score = Number(popped[2]);
      if (!(score > Date.now())) return;
      // A delayed job's marker: keep waiting for it (or anything sooner).
      this.dueAt = this.dueAt > 0 ? Math.min(this.dueAt, score) : score;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    this.client.disconnect();
    await this.blocking;
  }
}
