import type { RedisClient } from '../../lib/redis';
import { removeWorkerHeartbeat, writeWorkerHeartbeat, type HeartbeatReply, type WorkerHeartbeat } from '../../lib/workers';
import { Periodic } from '../periodic';
import { errorMessage } from '../errors';

export interface HeartbeatSource {
  /** The heartbeat to write now. */
  heartbeat(now: number): WorkerHeartbeat;
  /** What Redis answered with the write: restart requests and supervisor pauses. */
  onReply(reply: HeartbeatReply): void;
}

/** Writes the worker's heartbeat every interval (TTL 6×) and removes it when the worker stops. */
export class HeartbeatLoop {
  private readonly periodic: Periodic;
  private last: WorkerHeartbeat | null = null;

  constructor(
    private readonly redis: RedisClient,
    intervalMs: number,
    private readonly source: HeartbeatSource,
  ) {
    this.periodic = new Periodic(intervalMs, () => this.beat(), (error) => {
      console.error(`[lookout] heartbeat: ${errorMessage(error)}`);
    });
  }

  start(): Promise<void> {
    return this.periodic.start();
  }

  /** One beat now (never two at once). */
  tick(): Promise<void> {
    return this.periodic.tick();
  }

  private async beat(): Promise<void> {
    this.last = this.source.heartbeat(Date.now());
    this.source.onReply(await writeWorkerHeartbeat(this.redis, this.last));
    // A reply that paused, resumed or stopped the worker is shown now rather than one beat later.
    const after = this.source.heartbeat(Date.now());
    if (after.state !== this.last.state) {
      this.last = after;
      await writeWorkerHeartbeat(this.redis, after);
    }
  }

  /** Stops beating and deletes the heartbeat: a worker that exits cleanly is gone, not stale. */
  async stop(): Promise<void> {
    await this.periodic.stop();
    if (this.last) await removeWorkerHeartbeat(this.redis, this.last.prefix, this.last.id).catch(() => undefined);
  }
}
