import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis';
import { recordAudit } from '../audit';
import { isAppError } from '../errors';
import { isDataError, isRedisConnectionError } from '../redis';
import { auditRecordOf } from './audit';
import { advanceOperation, failOperation, type ExecutorContext } from './executor';
import { LeaseLost, OperationStore, type Lease } from './store';
import type { OperationRecord } from './types';

export interface OperationRunnerOptions {
  redis: RedisClient;
  namespace?: string;
  /** A runner that stops renewing (crashed, frozen) loses its operations to another runner after this long. */
  leaseTtlMs?: number;
  /** How often an idle runner looks for operations to run or to take over. */
  intervalMs?: number;
  /** How long one tick works before yielding, so stop() and other operations get their turn. */
  sliceMs?: number;
  onError?: (error: unknown) => void;
  /** Writes an ended operation's audit entry (default: the audit log stream). */
  audit?: (record: OperationRecord) => Promise<unknown>;
}

function logThrottled(): (error: unknown) => void {
  let lastLogged = 0;
  return (error) => {
    // While Redis is away every tick fails; one line every 10 s is enough.
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    console.error('[lookout] background operation step failed:', error);
  };
}

/**
 * Runs background operations (bulk actions by query) in chunks, in every web process. Each operation is held
 * through a lease in Redis that every step renews and checks atomically, so an operation never runs in two places
 * at once; when a process dies its leases expire and any runner (another replica, or the restarted process)
 * resumes the operation exactly where its last commit left it.
 *
 * Why not a BullMQ queue of Lookout's own: it would bring durability and stalled-job recovery, but not exactly-once
 * per job. A stalled job is handed out again while the old worker may still be running it, so the chunk commits
 * need this fence anyway; and every web replica would hold a blocking connection for a queue that is nearly always
 * empty. The lease is a few lines of Lua, and the operation's state stays a plain hash the API reads directly.
 *
 * The loop has the shape of every Lookout loop: start(), stop(), and a tick() that never overlaps itself.
 */
export class OperationRunner {
  readonly owner = randomUUID();
  private readonly store: OperationStore;
  private readonly leaseTtlMs: number;
  private readonly intervalMs: number;
  private readonly sliceMs: number;
  private readonly onError: (error: unknown) => void;
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<boolean> | null = null;
  private started = false;
  private stopping = false;
  private turn = 0;

  constructor(private readonly options: OperationRunnerOptions) {
    this.store = new OperationStore(options.redis, options.namespace);
    this.leaseTtlMs = options.leaseTtlMs ?? 15_000;
    this.intervalMs = options.intervalMs ?? 500;
    this.sliceMs = options.sliceMs ?? 1000;
    this.onError = options.onError ?? logThrottled();
  }

  private get lease(): Lease {
    return { value: this.owner, ttlMs: this.leaseTtlMs };
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.schedule(0);
  }

  /** Looks for work now rather than at the next interval (a new operation, a cancel). */
  kick(): void {
    if (this.started) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), delayMs);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    const busy = await this.tick();
    if (this.started) this.schedule(busy ? 0 : this.intervalMs);
  }

  /** Works on every operation it holds or can take for up to one slice; answers whether work is left. */
  tick(): Promise<boolean> {
    this.running ??= this.work()
      .catch((error: unknown) => {
        this.onError(error);
        return false;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async work(): Promise<boolean> {
    const deadline = performance.now() + this.sliceMs;
    let busy = false;
    const ids = await this.store.runningIds();
    // Each tick starts one operation further on, so a long operation cannot starve the others.
    this.turn = ids.length ? (this.turn + 1) % ids.length : 0;
    for (const id of [...ids.slice(this.turn), ...ids.slice(0, this.turn)]) {
      if (this.stopping) break;
      busy = (await this.advance(id, deadline)) || busy;
      // Every tick moves at least one operation one step; the others get their turn at the next tick.
      if (performance.now() >= deadline) return true;
    }
    return busy;
  }

  private async advance(id: string, deadline: number): Promise<boolean> {
    if (!(await this.store.acquire(id, this.lease))) {
      this.held.delete(id);
      const record = await this.store.read(id);
      // Ended and audited (or gone): drop it from the index.
      if (!record || (record.state !== 'running' && !record.auditPending)) await this.store.forget(id);
      return false;
    }
    this.held.add(id);
    const context: ExecutorContext = {
      redis: this.options.redis,
      store: this.store,
      lease: this.lease,
      audit: async (record) => {
        await (this.options.audit ? this.options.audit(record) : recordAudit(this.options.redis, auditRecordOf(record)));
      },
    };
    try {
      const more = await advanceOperation(context, id, deadline);
      if (!more) this.held.delete(id);
      return more;
    } catch (error) {
      if (error instanceof LeaseLost) {
        this.held.delete(id);
        return false;
      }
      if (isRedisConnectionError(error)) throw error;
      // Not a passing outage: a queue key of the wrong type, a queue that no longer exists. Say why and stop.
      if (isAppError(error) || (error instanceof Error && isDataError(error))) {
        await failOperation(context, id, error.message);
        return true;
      }
      throw error;
    }
  }

  /** Stops after the current tick and hands this runner's operations back, so another runner resumes them at once. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    const held = [...this.held];
    this.held.clear();
    await Promise.all(held.map((id) => this.store.release(id, this.lease).catch(() => undefined)));
  }
}
