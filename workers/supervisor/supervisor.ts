import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { BULL_SUFFIX, execPipeline, queueKey, type RedisClient } from '../../lib/redis';
import { removeSupervisorState, setSupervisorPaused, writeSupervisorState, type SupervisorState } from '../../lib/workers';
import { invalid } from '../../lib/errors';
import { clusterQueuesProblem, isClusterConnection, openRedis, type ClusterConnection } from '../connection';
import { Periodic } from '../periodic';
import type { SupervisorConfig } from './config';
import { DEFAULT_RESTART_BACKOFF, desiredProcessCount, restartDelayMs, type RestartBackoff } from './scaling';
import { errorMessage } from '../errors';

const LOOKOUT_BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'lookout.mjs');
/** A process that ran this long before exiting is not crash-looping: its next crash starts the backoff over. */
const HEALTHY_RUN_MS = 60_000;
/** Beyond the workers' own grace period, how long stop() waits before SIGKILL. */
const KILL_AFTER_GRACE_MS = 5000;

export interface WorkerCommand {
  file: string;
  args: string[];
}

export interface SupervisorOptions {
  config: SupervisorConfig;
  /** A Redis URL or a Redis Cluster; passed to worker processes as REDIS_URL or REDIS_CLUSTER_NODES. */
  connection: string | ClusterConnection;
  prefix: string;
  /** Module with the job definitions, for the worker processes. */
  jobsPath: string;
  heartbeatIntervalMs: number;
  /** How often processes are checked, restarted and scaled. */
  tickMs?: number;
  restartBackoff?: RestartBackoff;
  /** How a worker process is started; `lookout work …` by default. */
  command?: (args: string[]) => WorkerCommand;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

interface ManagedProcess {
  child: ChildProcess;
  startedAt: number;
  exited: Promise<void>;
  /** Exit code, or null while running or when killed by a signal. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | null;
  /** Being scaled down: not restarted when it exits. */
  retiring: boolean;
}

interface Slot {
  process: ManagedProcess | null;
  crashes: number;
  restartAt: number;
}

/**
 * Keeps a group of `lookout work` processes alive (Horizon's supervisor): restarts processes that exit, with a
 * doubling backoff for crashes, scales between min and max on the backlog of its queues, pauses and continues
 * them through a Redis flag, and publishes its state for the Workers page. start()/stop()/tick() never overlap.
 */
export class Supervisor {
  private readonly redis: RedisClient;
  private readonly periodic: Periodic;
  private readonly slots: Slot[] = [];
  private readonly startedAt = Date.now();
  private readonly log: (line: string) => void;
  private paused = false;
  private stopping = false;
  private restarts = 0;
  private lastScaledAt = 0;
  private backlog = 0;
  private target: number;

  constructor(private readonly options: SupervisorOptions) {
    const clusterProblem = isClusterConnection(options.connection) ? clusterQueuesProblem(options.prefix, options.config.queues) : null;
    if (clusterProblem) throw invalid(`Supervisor "${options.config.name}": ${clusterProblem}`, 'queues');
    this.redis = openRedis(options.connection);
    this.target = options.config.processes.min;
    this.log = options.log ?? ((line) => console.log(line));
    this.periodic = new Periodic(options.tickMs ?? 1000, () => this.work(), (error) => {
      this.log(`[lookout] supervisor ${this.name}: ${errorMessage(error)}`);
    });
  }

  get name(): string {
    return this.options.config.name;
  }

  /** Live worker processes. */
  get processes(): ChildProcess[] {
    return this.slots.flatMap((slot) => (slot.process && !slot.process.exit ? [slot.process.child] : []));
  }

  async start(): Promise<void> {
    // A flag left by a previous run would keep the new workers paused.
    await setSupervisorPaused(this.redis, this.options.prefix, this.name, false);
    for (let i = 0; i < this.target; i++) this.addSlot();
    await this.periodic.start();
  }

  tick(): Promise<void> {
    return this.periodic.tick();
  }

  private async work(): Promise<void> {
    if (this.stopping) return;
    const now = Date.now();
    this.restartExited(now);
    this.backlog = await this.readBacklog();
    if (!this.paused) this.scale(now);
    await writeSupervisorState(this.redis, this.state(now));
  }

  private workerArgs(): string[] {
    const { config, prefix, jobsPath } = this.options;
    const optional: [string, number | undefined][] = [
      ['tries', config.tries],
      ['timeout', config.timeout],
      ['sleep', config.sleep],
      ['max-jobs', config.maxJobs],
      ['max-time', config.maxTime],
      ['grace', config.grace],
    ];
    return [
      `--queue=${config.queues.join(',')}`,
      `--concurrency=${config.concurrency}`,
      `--jobs=${jobsPath}`,
      `--prefix=${prefix}`,
      `--supervisor=${config.name}`,
      ...optional.flatMap(([flag, value]) => (value === undefined ? [] : [`--${flag}=${value}`])),
    ];
  }

  private launch(): ManagedProcess {
    const args = this.workerArgs();
    const command = this.options.command?.(args) ?? { file: process.execPath, args: [LOOKOUT_BIN, 'work', ...args] };
    const child = spawn(command.file, command.args, {
      env: {
        ...process.env,
        ...this.options.env,
        ...(isClusterConnection(this.options.connection)
          ? { REDIS_CLUSTER_NODES: this.options.connection.clusterNodes, REDIS_URL: '' }
          : { REDIS_URL: this.options.connection, REDIS_CLUSTER_NODES: '' }),
        LOOKOUT_HEARTBEAT_INTERVAL_MS: String(this.options.heartbeatIntervalMs),
      },
      // Its own process group, so a Ctrl+C in the terminal reaches only the supervisor, which then stops every
      // worker with one SIGTERM; the IPC channel lets a worker notice the supervisor is gone and drain.
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const managed: ManagedProcess = {
      child,
      startedAt: Date.now(),
      exit: null,
      retiring: false,
      exited: new Promise<void>((done) => {
        child.once('exit', (code, signal) => {
          managed.exit = { code, signal };
          done();
          // Restart (or settle a scale-down) promptly rather than at the next tick.
          if (!this.stopping) void this.tick();
        });
      }),
    };
    child.once('error', (error) => this.log(`[lookout] supervisor ${this.name}: could not start a worker: ${error.message}`));
    return managed;
  }

  private addSlot(): void {
    this.slots.push({ process: this.launch(), crashes: 0, restartAt: 0 });
  }

  /** Restarts processes that exited: clean exits (queue:restart, max-jobs…) at once, crashes after a backoff. */
  private restartExited(now: number): void {
    for (let index = this.slots.length - 1; index >= 0; index--) {
      const slot = this.slots[index];
      const managed = slot?.process;
      if (!slot || !managed?.exit) continue;
      if (managed.retiring) {
        this.slots.splice(index, 1);
        continue;
      }
      if (slot.restartAt === 0) {
        const crashed = managed.exit.code !== 0;
        const ranLong = now - managed.startedAt > HEALTHY_RUN_MS;
        slot.crashes = crashed ? (ranLong ? 1 : slot.crashes + 1) : 0;
        slot.restartAt = now + restartDelayMs(slot.crashes, this.options.restartBackoff ?? DEFAULT_RESTART_BACKOFF);
        if (crashed) {
          const how = managed.exit.signal ?? `code ${managed.exit.code}`;
          this.log(`[lookout] supervisor ${this.name}: worker ${managed.child.pid} exited (${how}); restarting in ${slot.restartAt - now} ms`);
        }
      }
      if (slot.restartAt <= now) {
        slot.process = this.launch();
        slot.restartAt = 0;
        this.restarts++;
      }
    }
  }

  private async readBacklog(): Promise<number> {
    const pipeline = this.redis.pipeline();
    for (const queue of this.options.config.queues) {
      pipeline.llen(queueKey(this.options.prefix, queue, BULL_SUFFIX.wait));
      pipeline.zcard(queueKey(this.options.prefix, queue, BULL_SUFFIX.prioritized));
    }
    const results = await execPipeline(pipeline);
    return results.reduce((sum, [error, count]) => sum + (error ? 0 : Number(count) || 0), 0);
  }

  private scale(now: number): void {
    const { processes, balance } = this.options.config;
    const active = this.slots.filter((slot) => !slot.process?.retiring);
    if (now - this.lastScaledAt < balance.cooldownMs) return;
    this.target = desiredProcessCount({
      backlog: this.backlog,
      current: active.length,
      min: processes.min,
      max: processes.max,
      backlogPerProcess: balance.backlogPerProcess,
      maxShift: balance.maxShift,
    });
    if (this.target === active.length) return;
    this.lastScaledAt = now;
    for (let i = active.length; i < this.target; i++) this.addSlot();
    // Retire the newest processes first; they finish their jobs (SIGTERM is a graceful stop).
    for (const slot of active.slice(this.target).reverse()) {
      if (!slot.process) continue;
      slot.process.retiring = true;
      if (slot.process.exit) continue;
      slot.process.child.kill('SIGTERM');
    }
    this.log(`[lookout] supervisor ${this.name}: scaling to ${this.target} process(es) for a backlog of ${this.backlog}`);
  }

  private state(now: number): SupervisorState {
    const { config, prefix, heartbeatIntervalMs } = this.options;
    return {
      name: config.name,
      host: hostname(),
      pid: process.pid,
      prefix,
      queues: config.queues,
      processes: { current: this.processes.length, target: this.target, min: config.processes.min, max: config.processes.max },
      state: this.paused ? 'paused' : 'running',
      restarts: this.restarts,
      backlog: this.backlog,
      startedAt: this.startedAt,
      lastHeartbeatAt: now,
      heartbeatIntervalMs,
    };
  }

  /** Workers stop taking jobs (within one heartbeat); scaling holds until continue(). */
  async pause(): Promise<void> {
    this.paused = true;
    await setSupervisorPaused(this.redis, this.options.prefix, this.name, true);
    await this.tick();
  }

  async continue(): Promise<void> {
    this.paused = false;
    await setSupervisorPaused(this.redis, this.options.prefix, this.name, false);
    await this.tick();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /**
   * Restarts and scaling end now. When a service manager signals the whole group (systemd's default), workers
   * exit on their own, and those clean exits must not be taken for restarts while the rest of the shutdown runs.
   */
  halt(): void {
    this.stopping = true;
  }

  /** SIGTERM to every worker (a graceful stop), SIGKILL to any still running after their grace period. */
  async stop(): Promise<void> {
    this.halt();
    await this.periodic.stop();
    const running = this.slots.flatMap((slot) => (slot.process && !slot.process.exit ? [slot.process] : []));
    for (const managed of running) managed.child.kill('SIGTERM');
    const graceMs = (this.options.config.grace ?? 30) * 1000 + KILL_AFTER_GRACE_MS;
    const timer = setTimeout(() => {
      for (const managed of running) if (!managed.exit) managed.child.kill('SIGKILL');
    }, graceMs);
    timer.unref();
    await Promise.all(running.map((managed) => managed.exited));
    clearTimeout(timer);
    await removeSupervisorState(this.redis, this.options.prefix, this.name).catch(() => undefined);
    await setSupervisorPaused(this.redis, this.options.prefix, this.name, false).catch(() => undefined);
    this.redis.disconnect();
  }
}
