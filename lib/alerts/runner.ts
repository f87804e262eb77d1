/**
 * The loop shape every Lookout background task uses: start(), stop(), and a tick() that never overlaps itself.
 * The timer is unref'd so it never keeps a process alive on its own.
 */
export class AlertRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly task: { tick(now: number): Promise<unknown> },
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void = (error) => console.error('[lookout] alert evaluation failed:', error),
  ) {}

  start(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Runs one tick; a call while one is running waits for that one instead of starting another. */
  tick(): Promise<void> {
    this.running ??= this.task
      .tick(Date.now())
      .then(() => undefined, this.onError)
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
