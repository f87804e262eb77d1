import { describe, expect, it } from 'vitest';
import { liveWorkersByQueue, workerQueueKey } from './overview';
import type { WorkerView } from './types';

function worker(overrides: Partial<WorkerView>): WorkerView {
  return {
    id: 'w',
    source: 'lookout',
    prefix: 'bull',
    host: 'h',
    pid: 1,
    queues: ['emails'],
    concurrency: 1,
    active: 0,
    processed: 0,
    failed: 0,
    startedAt: 0,
    lastHeartbeatAt: 0,
    status: 'running',
    version: null,
    supervisor: null,
    name: null,
    ...overrides,
  };
}

describe('liveWorkersByQueue', () => {
  it('counts running and paused workers per queue and prefix, and leaves stale ones out', () => {
    const live = liveWorkersByQueue([
      worker({ queues: ['emails', 'images'] }),
      worker({ status: 'paused', queues: ['emails'] }),
      worker({ status: 'stale', queues: ['emails', 'reports'] }),
      worker({ source: 'bullmq', lastHeartbeatAt: null, queues: ['reports'] }),
      worker({ prefix: 'other', queues: ['emails'] }),
    ]);
    expect(live.get(workerQueueKey('bull', 'emails'))).toBe(2);
    expect(live.get(workerQueueKey('bull', 'images'))).toBe(1);
    expect(live.get(workerQueueKey('bull', 'reports'))).toBe(1);
    expect(live.get(workerQueueKey('other', 'emails'))).toBe(1);
    expect(live.size).toBe(4);
  });
});
