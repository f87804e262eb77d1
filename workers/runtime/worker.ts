import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DelayedError, type ConnectionOptions, type Job, type KeepJobs } from 'bullmq';
import { Cluster } from 'ioredis';
import { LOOKOUT_VERSION } from '../../lib/config';
import type { JobMetricsSink } from '../../lib/metrics';
import { BULL_SUFFIX, execPipeline, queueKey, type RedisClient } from '../../lib/redis';
import { exceptionCountKey, RUNTIME_WORKER_NAME_PREFIX, type HeartbeatReply, type WorkerHeartbeat } from '../../lib/workers';
import { bullConnection, clusterQueuesProblem, isClusterConnection, openRedis, type RedisConnection } from '../connection';
import type { JobDefinition } from '../define-job';
import { BATCH_JOB_NAME, batchOfMember } from '../../lib/batches';
import { Dispatcher } from '../dispatch/dispatcher';
import { errorMessage, TimeoutError, UnknownJobError } from '../errors';
import { Periodic } from '../periodic';
import { JobRegistry } from '../registry';
import { finishBatch } from './batch-finalizer';
import { decideFailure } from './failure';
import { FinishedAttempts } from './finished-attempts';
import { HeartbeatLoop } from './heartbeat';
import { IdleWaiter } from './idle-waiter';
import { QueueWorker } from './queue-worker';
import { RateLimiter } from './rate-limiter';
import { startRun, type Run } from './run';

export interface WorkerRuntimeOptions {
  connection: RedisConnection;
  /** BullMQ key prefix; `bull` by default. */
  prefix?: string;
  /** Queues in strict priority order: a later queue only gets a slot when the earlier ones have no job. */
  queues: readonly string[];
  jobs: readonly JobDefinition[];
  /** Jobs run at once (slots). */
  concurrency?: number;
  /** Attempts for jobs whose definition and dispatch set none. */
  tries?: number;
  /** Seconds an attempt may run when its definition sets no timeout; 0 for none. */
  timeout?: number;
  /** Longest wait (seconds) on an idle queue before checking again; new jobs wake the worker at once. */
  sleep?: number;
  /** Stop after taking this many jobs (0: no limit). */
  maxJobs?: number;
  /** Stop after this many seconds (0: no limit). */
  maxTime?: number;
  /** Stop once the queues have no waiting, prioritized or delayed job and nothing runs here. */
  stopWhenEmpty?: boolean;
  /** Seconds stop() lets running jobs finish before it releases them back to their queues. */
  grace?: number;
  heartbeatIntervalMs?: number;
  /** The supervisor that started this process, shown with the worker and used for pause/continue. */
  supervisor?: string | null;
  /** Receives every finished attempt (lib/metrics). */
  metrics?: JobMetricsSink;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** How often a job may stall (its worker died mid-job) and be given back before BullMQ fails it (BullMQ's default: 1). */
  maxStalledCount?: number;
  removeOnComplete?: KeepJobs;
  removeOnFail?: KeepJobs;
}

export type StopReason = 'stopped' | 'restart' | 'max-jobs' | 'max-time' | 'empty';

const FETCH_ERROR_PAUSE_MS = 1000;
/** How often running attempts are checked against their timeout: one timer per worker, not one per job. */
const TIMEOUT_SWEEP_MS = 100;
const CLOSE_TIMEOUT_MS = 10_000;
/** How long an exception count outlives its job's last failure. */
const EXCEPTION_COUNT_TTL_MS = 7 * 24 * 3600_000;

interface Fetched {
  job: Job;
  /** Index of the job's queue in priority order. */
  index: number;
  token: string;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());


/**
 * One worker process's job runner (`lookout work`): `concurrency` slots take jobs from the queues in strict
 * priority order, run their handlers with timeouts, retries, rate limits and releases, report every finished
 * attempt to the metrics sink, and beat a heartbeat. stop() drains within a grace period and loses nothing.
 */
export class WorkerRuntime {
  readonly id = randomUUID().replace(/-/g, '').slice(0, 12);
  readonly startedAt = Date.now();
  readonly prefix: string;
  readonly queues: readonly string[];
  private readonly concurrency: number;
  private readonly tries: number;
  private readonly timeoutSeconds: number;
  private readonly graceMs: number;
  private readonly registry: JobRegistry;
  private readonly redis: RedisClient;
  /** BullMQ's connection for the queue workers: options, or on a cluster a client of ours that close() closes. */
  private readonly bull: ConnectionOptions;
  private readonly queueWorkers: QueueWorker[];
  private readonly idle: IdleWaiter;
  private readonly limiter: RateLimiter;
  private readonly dispatcher: Dispatcher;
  private readonly heartbeat: HeartbeatLoop;
  private readonly heartbeatIntervalMs: number;
  private readonly timeouts: Periodic;
  private readonly finishedAttempts: FinishedAttempts;
  private readonly running = new Set<Run>();
  private readonly done = deferred<StopReason>();
  private state: 'running' | 'paused' | 'stopping' = 'running';
  private stopReason: StopReason = 'stopped';
  private gate = deferred<void>();
  private slots: Promise<void> | null = null;
  private maxTimeTimer: NodeJS.Timeout | null = null;
  private tokenSequence = 0;
  private taken = 0;
  private lastFetchErrorAt = 0;

  /** Resolves once the runtime has stopped and closed everything it opened. */
  readonly finished = this.done.promise;

  private constructor(private readonly options: WorkerRuntimeOptions) {
    if (options.queues.length === 0) throw new Error('A worker needs at least one queue');
    this.prefix = options.prefix ?? 'bull';
    const clusterProblem = isClusterConnection(options.connection) ? clusterQueuesProblem(this.prefix, options.queues) : null;
    if (clusterProblem) throw new Error(`Cannot run ${options.queues.join(', ')} under prefix ${this.prefix}: ${clusterProblem}`);
    this.queues = [...options.queues];
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.tries = Math.max(1, options.tries ?? 1);
    this.timeoutSeconds = options.timeout ?? 60;
    this.graceMs = (options.grace ?? 30) * 1000;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 5000;
    this.registry = new JobRegistry(options.jobs);
    this.redis = openRedis(options.connection);
    this.bull = bullConnection(options.connection);
    this.limiter = new RateLimiter(this.redis, this.prefix, this.id);
    this.dispatcher = new Dispatcher({ connection: options.connection, prefix: this.prefix });
    this.finishedAttempts = new FinishedAttempts({
      prefix: this.prefix,
      redis: this.redis,
      batches: this.dispatcher.batches,
      metrics: options.metrics,
      log: (line) => console.error(line),
    });
    this.queueWorkers = this.queues.map((queue) => this.createQueueWorker(queue));
    this.idle = new IdleWaiter(
      openRedis(options.connection, { maxRetriesPerRequest: null }),
      this.queueWorkers.map((worker) => worker.keys.marker ?? ''),
      (options.sleep ?? 3) * 1000,
    );
    this.timeouts = new Periodic(TIMEOUT_SWEEP_MS, async () => this.sweepTimeouts(), (error) => {
      console.error(`[lookout] worker ${this.id}: timeout sweep: ${errorMessage(error)}`);
    });
    this.heartbeat = new HeartbeatLoop(this.redis, this.heartbeatIntervalMs, {
      heartbeat: (now) => this.snapshot(now),
      onReply: (reply) => this.onHeartbeatReply(reply),
    });
  }

  /** Connects, writes the first heartbeat and starts taking jobs. */
  static async start(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
    const runtime = new WorkerRuntime(options);
    await runtime.begin();
    return runtime;
  }

  private createQueueWorker(queue: string): QueueWorker {
    const worker = new QueueWorker(queue, (job, token) => this.process(job, token ?? ''), {
      connection: this.bull,
      prefix: this.prefix,
      // Our connections carry this name, so the API shows this worker once (from its heartbeat), not as plain BullMQ.
      name: `${RUNTIME_WORKER_NAME_PREFIX}${this.id}`,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? 30_000,
      maxStalledCount: this.options.maxStalledCount ?? 1,
      removeOnComplete: this.options.removeOnComplete,
      removeOnFail: this.options.removeOnFail,
      settings: { backoffStrategy: (_attemptsMade, _type, _error, job) => this.finishedAttempts.retryDelay(job) },
    });
    worker.on('completed', (job) => this.finishedAttempts.completed(job));
    worker.on('failed', (job, error) => {
      if (job) this.finishedAttempts.failedAttempt(job, error);
    });
    worker.on('error', (error) => console.error(`[lookout] worker ${this.id} (${queue}): ${error.message}`));
    return worker;
  }

  private async begin(): Promise<void> {
    await Promise.all(this.queueWorkers.map((worker) => worker.waitUntilReady()));
    await Promise.all(this.queueWorkers.map((worker) => worker.startMaintenance()));
    await this.heartbeat.start();
    void this.timeouts.start();
    const maxTime = this.options.maxTime ?? 0;
    if (maxTime > 0) {
      this.maxTimeTimer = setTimeout(() => this.requestStop('max-time'), maxTime * 1000);
      this.maxTimeTimer.unref();
    }
    this.slots = Promise.all(Array.from({ length: this.concurrency }, (_, slot) => this.runSlot(slot))).then(() => undefined);
    void this.slots.then(() => this.close());
  }

  // ── the loop ────────────────────────────────────────────────────────────────────────────────────────────

  private reserve(): boolean {
    const maxJobs = this.options.maxJobs ?? 0;
    if (maxJobs > 0 && this.taken >= maxJobs) return false;
    this.taken++;
    return true;
  }

  private async runSlot(slot: number): Promise<void> {
    while (this.state !== 'stopping') {
      if (this.state === 'paused') {
        await this.gate.promise;
        continue;
      }
      if (!this.reserve()) {
        this.requestStop('max-jobs');
        break;
      }
      const token = `${this.id}:${slot}:${++this.tokenSequence}`;
      let fetched: Fetched | null = null;
      try {
        fetched = await this.fetchByPriority(token);
      } catch (error) {
        // Every slot hits the same outage; one line every 10 s says it.
        if (Date.now() - this.lastFetchErrorAt > 10_000) {
          this.lastFetchErrorAt = Date.now();
          console.error(`[lookout] worker ${this.id}: could not fetch a job: ${errorMessage(error)}`);
        }
        await sleep(FETCH_ERROR_PAUSE_MS);
      }
      if (!fetched) {
        this.taken--;
        if (this.options.stopWhenEmpty && this.running.size === 0 && (await this.queuesEmpty())) {
          this.requestStop('empty');
          break;
        }
        await this.idle.wait();
        continue;
      }
      while (fetched) fetched = await this.processFetched(fetched);
    }
  }

  /** The first job of the first queue that has one: a lower queue only gets this slot when the ones above are empty. */
  private async fetchByPriority(token: string): Promise<Fetched | null> {
    for (const [index, worker] of this.queueWorkers.entries()) {
      if (this.state !== 'running') return null;
      const job = await worker.getNextJob(token, { block: false });
      if (job) return { job, index, token };
    }
    return null;
  }

  /**
   * Runs a job through BullMQ's processJob. Only the top queue lets BullMQ hand over its next job in the same
   * round trip: for a lower queue the slot asks the queues above first.
   */
  private async processFetched({ job, index, token }: Fetched): Promise<Fetched | null> {
    const next: { reserved: boolean } = { reserved: false };
    let following: Job | void = undefined;
    try {
      following = await this.queueWorkers[index]?.processJob(job, token, () => this.reserveNext(index, next));
    } catch (error) {
      console.error(`[lookout] worker ${this.id}: job ${job.id ?? '?'} (${job.name}): ${errorMessage(error)}`);
    } finally {
      this.finishedAttempts.forget(job);
    }
    if (following) return { job: following, index, token };
    if (next.reserved) this.taken--;
    return null;
  }

  /** Whether BullMQ may hand over the next job of this queue along with this one's completion. */
  private reserveNext(index: number, next: { reserved: boolean }): boolean {
    if (!next.reserved && index === 0 && this.state === 'running' && this.reserve()) next.reserved = true;
    return next.reserved;
  }

  private async queuesEmpty(): Promise<boolean> {
    const pipeline = this.redis.pipeline();
    for (const queue of this.queues) {
      pipeline.llen(queueKey(this.prefix, queue, BULL_SUFFIX.wait));
      pipeline.zcard(queueKey(this.prefix, queue, BULL_SUFFIX.prioritized));
      pipeline.zcard(queueKey(this.prefix, queue, BULL_SUFFIX.delayed));
    }
    const results = await execPipeline(pipeline);
    return results.every(([error, count]) => error === null && Number(count) === 0);
  }

  // ── one attempt ─────────────────────────────────────────────────────────────────────────────────────────

  private async process(job: Job, token: string): Promise<unknown> {
    const definition = this.registry.get(job.name);
    const run = startRun(job, definition, this.prefix);
    this.finishedAttempts.track(job, run);
    this.running.add(run);
    try {
      if (job.name === BATCH_JOB_NAME && !definition) return await this.finishBatch(job, run);
      if (!definition) return await this.fail(job, run, new UnknownJobError(job.name), { permanent: true });
      const memberOf = batchOfMember(job);
      if (memberOf !== null && (await this.dispatcher.batches.isCancelled(memberOf))) return { skipped: 'batch cancelled' };
      if (definition.rateLimit) {
        const { max, perMs } = definition.rateLimit;
        const waitMs = await this.limiter.admit(definition.rateLimit.key(job.data), max, perMs);
        if (waitMs > 0) return await this.release(job, token, waitMs);
      }
      run.timeoutSeconds = definition.timeout ?? this.timeoutSeconds;
      if (run.timeoutSeconds > 0) run.deadline = Date.now() + run.timeoutSeconds * 1000;
      const outcome = await run.attempt.run(definition);
      if (outcome.kind === 'evicted') return await this.release(job, token, 0);
      if (run.attempt.releaseDelayMs !== null) return await this.release(job, token, run.attempt.releaseDelayMs);
      if (outcome.kind === 'completed') return outcome.value;
      return await this.fail(job, run, outcome.error, { timedOut: outcome.kind === 'timeout' });
    } finally {
      this.running.delete(run);
    }
  }


  private async finishBatch(job: Job, run: Run): Promise<unknown> {
    try {
      return await finishBatch(job, this.dispatcher.batches, this.dispatcher);
    } catch (error) {
      return this.fail(job, run, error instanceof Error ? error : new Error(String(error)), {});
    }
  }

  /** Fails every attempt past its deadline with a TimeoutError (which also aborts its ctx.signal). */
  private sweepTimeouts(): void {
    const now = Date.now();
    for (const run of this.running) {
      if (run.deadline !== null && now >= run.deadline) run.attempt.timeOut(new TimeoutError(run.attempt.job.name, run.timeoutSeconds));
    }
  }

  /** Back to the queue without counting an attempt (release(), rate limits, shutdown). */
  private async release(job: Job, token: string, delayMs: number): Promise<never> {
    try {
      await job.moveToDelayed(Date.now() + delayMs, token);
    } catch (error) {
      // Our lock is gone (the job stalled); BullMQ's stall check gives the job back, so nothing is lost.
      console.error(`[lookout] worker ${this.id}: could not release job ${job.id ?? '?'}: ${errorMessage(error)}`);
    }
    throw new DelayedError();
  }

  /** Decides the failed attempt's fate, then rethrows so BullMQ moves the job accordingly. */
  private async fail(job: Job, run: Run, error: Error, how: { timedOut?: boolean; permanent?: boolean }): Promise<never> {
    run.decision = await decideFailure(job, run, error, how, { tries: this.tries, countException: (failed) => this.countException(failed) });
    throw error;
  }

  private async countException(job: Job): Promise<number> {
    const key = exceptionCountKey(this.prefix, job.queueName, job.id ?? '');
    const [[, count]] = (await execPipeline(this.redis.multi().incr(key).pexpire(key, EXCEPTION_COUNT_TTL_MS))) as [[Error | null, number]];
    return Number(count);
  }

  // ── state, heartbeats, stopping ─────────────────────────────────────────────────────────────────────────

  snapshot(now = Date.now()): WorkerHeartbeat {
    return {
      id: this.id,
      host: hostname(),
      pid: process.pid,
      prefix: this.prefix,
      queues: [...this.queues],
      concurrency: this.concurrency,
      active: this.running.size,
      processed: this.finishedAttempts.processed,
      failed: this.finishedAttempts.failed,
      startedAt: this.startedAt,
      lastHeartbeatAt: now,
      version: LOOKOUT_VERSION,
      state: this.state,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      supervisor: this.options.supervisor ?? null,
    };
  }

  private onHeartbeatReply(reply: HeartbeatReply): void {
    if (reply.restartRequestedAt !== null && reply.restartRequestedAt > this.startedAt) this.requestStop('restart');
    if (this.options.supervisor) {
      if (reply.supervisorPaused) this.pause();
      else this.resume();
    }
  }

  /** Stops taking jobs; running ones finish. */
  pause(): void {
    if (this.state !== 'running') return;
    this.state = 'paused';
    this.gate = deferred<void>();
    this.idle.wakeAll();
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.gate.resolve();
  }

  get isPaused(): boolean {
    return this.state === 'paused';
  }

  /** Stops taking jobs and lets running ones finish (no time limit); `finished` resolves once all is closed. */
  requestStop(reason: StopReason): void {
    if (this.state === 'stopping') return;
    this.state = 'stopping';
    this.stopReason = reason;
    this.idle.wakeAll();
    this.gate.resolve();
  }

  /**
   * Graceful stop (SIGTERM): running jobs get `grace` seconds to finish; any still running then is aborted
   * (ctx.signal) and released back to its queue without counting an attempt, so no job is lost.
   */
  async stop(graceMs = this.graceMs): Promise<StopReason> {
    this.requestStop('stopped');
    const drained = await Promise.race([(this.slots ?? Promise.resolve()).then(() => true), sleep(graceMs).then(() => false)]);
    if (!drained) for (const run of this.running) run.attempt.evict();
    return this.finished;
  }

  private async close(): Promise<void> {
    if (this.maxTimeTimer) clearTimeout(this.maxTimeTimer);
    await this.timeouts.stop();
    const graceful = (async () => {
      await this.finishedAttempts.settled();
      await this.heartbeat.stop();
      await Promise.allSettled(this.queueWorkers.map((worker) => worker.close()));
      await this.idle.close();
      await this.dispatcher.close();
    })().catch((error: unknown) => console.error(`[lookout] worker ${this.id}: while closing: ${errorMessage(error)}`));
    // Closing waits on Redis; if Redis is gone, drop the connections rather than hang the process's exit.
    const closed = await Promise.race([graceful.then(() => true), sleep(CLOSE_TIMEOUT_MS).then(() => false)]);
    if (!closed) {
      console.error(`[lookout] worker ${this.id}: Redis did not answer while closing; disconnecting`);
      await Promise.allSettled(this.queueWorkers.map((worker) => worker.disconnect()));
      this.dispatcher.disconnect();
    }
    if (this.bull instanceof Cluster) this.bull.disconnect();
    this.redis.disconnect();
    this.done.resolve(this.stopReason);
  }

}


export function startWorker(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  return WorkerRuntime.start(options);
}
