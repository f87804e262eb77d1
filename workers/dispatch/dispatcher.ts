import { randomUUID } from 'node:crypto';
import { FlowProducer, Job, Queue } from 'bullmq';
import type { RedisClient } from '../../lib/redis';
import { invalid } from '../../lib/errors';
import { openRedis, type RedisConnection } from '../connection';
import type { PendingJob } from '../define-job';
import { BATCH_JOB_NAME, batchJobId, batchProgress, BatchStore, type BatchRecord } from '../../lib/batches';
import { chainFlow, chainJobIds } from './chain-flow';
import { flowJobOptions, toBullJob, type BullJobSpec } from './job-options';
import type { Batch, BatchSpec, Bus, DispatchedJob } from './types';

export interface DispatcherOptions {
  connection: RedisConnection;
  /** BullMQ key prefix; `bull` by default. */
  prefix?: string;
}

/** Attempts for the batch job, whose only work is dispatching callbacks. */
const BATCH_JOB_ATTEMPTS = 5;

/** Dispatches through BullMQ: one shared connection for every Queue and the FlowProducer it opens. */
export class Dispatcher implements Bus {
  readonly prefix: string;
  private readonly redis: RedisClient;
  private readonly queues = new Map<string, Queue>();
  private flows: FlowProducer | null = null;
  readonly batches: BatchStore;

  constructor(options: DispatcherOptions) {
    this.prefix = options.prefix ?? 'bull';
    // BullMQ reuses a client it is handed (rather than opening one per Queue) and never closes it.
    this.redis = openRedis(options.connection, { maxRetriesPerRequest: null });
    this.batches = new BatchStore(this.redis, this.prefix);
  }

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: this.prefix });
      queue.on('error', (error) => console.error(`[lookout] queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private flowProducer(): FlowProducer {
    this.flows ??= new FlowProducer({ connection: this.redis, prefix: this.prefix });
    return this.flows;
  }

  private dispatched(spec: BullJobSpec, id: string | undefined): DispatchedJob {
    return { id: id ?? '', name: spec.name, queue: spec.queue, prefix: this.prefix };
  }

  /** Adds a job already in BullMQ's terms (batch callbacks are stored that way). */
  async add(spec: BullJobSpec): Promise<DispatchedJob> {
    const job = await this.queue(spec.queue).add(spec.name, spec.data, spec.opts);
    return this.dispatched(spec, job.id);
  }

  dispatch(pending: PendingJob): Promise<DispatchedJob> {
    return this.add(toBullJob(pending));
  }

  async dispatchChain(jobs: readonly PendingJob[]): Promise<DispatchedJob[]> {
    if (jobs.length === 0) throw invalid('chain() needs at least one job');
    const specs = jobs.map(toBullJob);
    const root = await this.flowProducer().add(chainFlow(specs, this.prefix));
    const ids = chainJobIds(root);
    return specs.map((spec, index) => this.dispatched(spec, ids[index]));
  }

  async dispatchBatch(spec: BatchSpec): Promise<Batch> {
    const members = spec.jobs.map(toBullJob);
    const first = members[0];
    const queue = spec.queue ?? first?.queue ?? null;
    if (queue === null) throw invalid('An empty batch needs a queue for its callbacks: call .onQueue(name)');
    const id = randomUUID();
    const callbacks: BatchRecord['callbacks'] = {};
    if (spec.then) callbacks.then = toBullJob(spec.then);
    if (spec.catch) callbacks.catch = toBullJob(spec.catch);
    if (spec.finally) callbacks.finally = toBullJob(spec.finally);
    const record: BatchRecord = {
      id,
      name: spec.name,
      prefix: this.prefix,
      queue,
      total: members.length,
      allowFailures: spec.allowFailures,
      callbacks,
      createdAt: Date.now(),
      cancelledAt: null,
      finishedAt: null,
    };
    // The record first: a member that runs at once must find its batch.
    await this.batches.create(record);
    await this.flowProducer().add({
      name: BATCH_JOB_NAME,
      queueName: queue,
      prefix: this.prefix,
      data: { batchId: id },
      opts: { jobId: batchJobId(id), attempts: BATCH_JOB_ATTEMPTS, backoff: { type: 'exponential', delay: 1000 } },
      // A failed member still counts as done for the batch job (BullMQ records it as an ignored failure).
      children: members.map((member) => ({
        name: member.name,
        queueName: member.queue,
        prefix: this.prefix,
        data: member.data,
        opts: { ...flowJobOptions(member), ignoreDependencyOnFailure: true },
      })),
    });
    return this.snapshot(record);
  }

  async findBatch(id: string): Promise<Batch | null> {
    const record = await this.batches.read(id);
    return record ? this.snapshot(record) : null;
  }

  /** Counts come from BullMQ's own flow state, so they survive worker restarts and never drift. */
  private async snapshot(record: BatchRecord): Promise<Batch> {
    const parent = await Job.fromId(this.queue(record.queue), batchJobId(record.id));
    const counts = parent ? await parent.getDependenciesCount() : null;
    const progress = batchProgress(
      record,
      counts && {
        pending: counts.unprocessed ?? 0,
        completed: counts.processed ?? 0,
        failed: (counts.ignored ?? 0) + (counts.failed ?? 0),
      },
    );
    return {
      id: record.id,
      name: record.name,
      total: record.total,
      ...progress,
      finished: record.finishedAt !== null,
      cancelled: record.cancelledAt !== null,
      createdAt: record.createdAt,
      finishedAt: record.finishedAt,
      cancel: async () => {
        await this.batches.cancel(record.id);
      },
    };
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    await this.flows?.close();
    this.redis.disconnect();
  }

  /** Drops the shared connection at once (when Redis is gone and close() would wait for it). */
  disconnect(): void {
    this.redis.disconnect();
  }
}
