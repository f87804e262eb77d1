import { Worker, type Job, type WorkerOptions } from 'bullmq';

/**
 * A BullMQ Worker for one queue that our loop drives instead of BullMQ's own (autorun off): the runtime takes
 * jobs with getNextJob() in priority order across its queues and runs them with processJob(). BullMQ still
 * owns locks, stall recovery, retries and every move between states.
 */
export class QueueWorker extends Worker {
  constructor(queue: string, processor: (job: Job, token?: string) => Promise<unknown>, options: WorkerOptions) {
    super(queue, processor, { ...options, autorun: false });
  }

  /** BullMQ renews locks and checks for stalled jobs from run(), which this worker never calls. */
  async startMaintenance(): Promise<void> {
    this.lockManager.start();
    await this.startStalledCheckTimer();
  }
}
