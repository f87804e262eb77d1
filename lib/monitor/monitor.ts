import type { LeaderLock } from './lock';

/** A periodic job of the monitor (metrics sampling now; alert evaluation later). */
export interface MonitorTask {
  readonly name: string;
  /** Runs once per tick with the tick's time; a task that throws does not stop the others. */
  run(now: number): Promise<void>;
}

export interface MonitorOptions {
  tasks: readonly MonitorTask[];
  intervalMs: number;
  /** When set, only the monitor holding the lock runs the tasks. */
  lock?: LeaderLock;
  clock?: () => number;
  log?: (message: string) => void;
}

export interface TickResult {
  at: number;
  /** False when another monitor holds the lock (or Redis could not be asked): no task ran. */
  leader: boolean;
  failures: Array<{ task: string; error: unknown }>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs its tasks every `intervalMs`: start() / stop() / tick(). A tick never overlaps another (a call during a
 * tick gets that tick's result), the next tick is timed from the end of the last one, and the timer is
 * unref'd so it never keeps a process alive by itself.
 */
export class Monitor {
  private readonly clock: () => number;
  private readonly log: (message: string) => void;
  private current: Promise<TickResult> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private wasLeader = false;
  private announced: boolean | null = null;

  constructor(private readonly options: MonitorOptions) {
    this.clock = options.clock ?? Date.now;
    this.log = options.log ?? ((line) => console.log(`[lookout] monitor: ${line}`));
  }

  get isLeader(): boolean {
    return this.wasLeader;
  }

  tick(): Promise<TickResult> {
    this.current ??= this.runTick().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const loop = async () => {
      await this.tick();
      if (!this.running) return;
      this.timer = setTimeout(() => void loop(), this.options.intervalMs);
      this.timer.unref();
    };
    void loop();
  }

  /** Stops the timer, waits for a tick in progress and gives up the lock so another monitor can lead at once. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current;
    if (this.options.lock && this.wasLeader) {
      await this.options.lock.release().catch((error: unknown) => this.log(`could not release the leader lock: ${message(error)}`));
    }
    this.wasLeader = false;
  }

  private async runTick(): Promise<TickResult> {
    const at = this.clock();
    const failures: TickResult['failures'] = [];
    let leader = true;
    if (this.options.lock) {
      try {
        leader = await this.options.lock.acquire();
      } catch (error) {
        leader = false;
        failures.push({ task: 'leader-lock', error });
      }
    }
    if (leader !== this.announced && failures.length === 0) this.log(leader ? 'leading: running the periodic tasks' : 'another monitor leads; standing by');
    this.announced = leader;
    this.wasLeader = leader;
    if (leader) {
      for (const task of this.options.tasks) {
        try {
          await task.run(at);
        } catch (error) {
          failures.push({ task: task.name, error });
        }
      }
    }
    for (const failure of failures) this.log(`${failure.task} failed: ${message(failure.error)}`);
    return { at, leader, failures };
  }
}
