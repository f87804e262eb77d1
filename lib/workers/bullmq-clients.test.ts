import { describe, expect, it } from 'vitest';
import { parseClientList, parseWorkerClientName, plainBullWorkers } from './bullmq-clients';

const LIST = [
  'id=7 addr=10.0.0.5:39316 laddr=127.0.0.1:6379 fd=10 name=bull:cXVldWU=:w:reporter age=12 idle=1 flags=b cmd=bzpopmin',
  'id=8 addr=10.0.0.6:39330 laddr=127.0.0.1:6379 fd=11 name= age=3 idle=0 cmd=client|list',
  'id=9 addr=10.0.0.7:39334 laddr=127.0.0.1:6379 fd=12 name=bull:cXVldWU=:w:lookout-abc123 age=5 idle=0 cmd=bzpopmin',
  'id=10 addr=10.0.0.8:39342 laddr=127.0.0.1:6379 fd=13 name=bull:cXVldWU=:qe age=5 idle=0 cmd=xread',
  'id=11 addr=[::1]:39350 laddr=[::1]:6379 fd=14 name=bull:cXVldWU= age=2 idle=0 cmd=bzpopmin',
].join('\n');

describe('BullMQ worker connections', () => {
  it('reads queue and worker name back from a connection name', () => {
    expect(parseWorkerClientName('bull', 'bull:cXVldWU=:w:reporter')).toEqual({ queue: 'queue', workerName: 'reporter' });
    expect(parseWorkerClientName('bull', 'bull:cXVldWU=')).toEqual({ queue: 'queue', workerName: null });
    expect(parseWorkerClientName('bull', 'bull:cXVldWU=:qe')).toBeNull();
    expect(parseWorkerClientName('other', 'bull:cXVldWU=')).toBeNull();
  });

  it('lists plain BullMQ workers, leaving out our own runtime and queue-events connections', () => {
    const workers = plainBullWorkers(parseClientList(LIST), ['bull'], 100_000);
    expect(workers.map((worker) => [worker.id, worker.name, worker.host, worker.startedAt])).toEqual([
      ['bullmq-7', 'reporter', '10.0.0.5', 88_000],
      ['bullmq-11', null, '[::1]', 98_000],
    ]);
    expect(workers[0]).toMatchObject({ source: 'bullmq', queues: ['queue'], status: 'running', pid: null, lastHeartbeatAt: null });
  });
});
