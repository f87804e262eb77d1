import { FlowProducer, Queue, Worker, type ConnectionOptions } from 'bullmq';

/**
 * Builds, with plain BullMQ only, a queue holding exactly one known job in every state
 * (three waiting), plus a paused queue with two waiting jobs.
 */
export async function seedEveryState(connection: ConnectionOptions, prefix: string, name = 'orders') {
  const queue = new Queue(name, { connection, prefix });
  // A worker without a processor hands out jobs one at a time, so each can be moved to a known state.
  const worker = new Worker(name, null, { connection, prefix });
  const token = 'fixture-token';

  await queue.add('charge', { orderId: 1 }, { jobId: 'c1' });
  const completed = await worker.getNextJob(token);
  await completed?.moveToCompleted({ charged: true }, token, false);

  await queue.add('charge', { orderId: 2 }, { jobId: 'f1', attempts: 1 });
  const failed = await worker.getNextJob(token);
  await failed?.log('calling the payment provider');
  await failed?.moveToFailed(new Error('card declined for order 2'), token, false);

  await queue.add('ship', { orderId: 3 }, { jobId: 'a1' });
  const active = await worker.getNextJob(token);
  await active?.updateProgress(40);

  for (const id of ['w1', 'w2', 'w3']) await queue.add('charge', { orderId: id }, { jobId: id });
  await queue.add('remind', { orderId: 4 }, { jobId: 'd1', delay: 3_600_000 });
  await queue.add('vip', { orderId: 5 }, { jobId: 'p1', priority: 3 });

  const flows = new FlowProducer({ connection, prefix });
  await flows.add({
    name: 'invoice',
    queueName: name,
    data: { orderId: 6 },
    opts: { jobId: 'parent1' },
    children: [{ name: 'render-pdf', queueName: `${name}-children`, data: { orderId: 6 }, opts: { jobId: 'child1' } }],
  });

  const pausedQueue = new Queue(`${name}-paused`, { connection, prefix });
  await pausedQueue.add('nightly', { n: 1 });
  await pausedQueue.add('nightly', { n: 2 });
  await pausedQueue.pause();

  return {
    queue,
    pausedQueue,
    async close() {
      await worker.close(true);
      await flows.close();
      await queue.close();
      await pausedQueue.close();
    },
  };
}
