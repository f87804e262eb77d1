import { describe, expect, it } from 'vitest';
import type { QueueSummary } from '@/lib/queues/types';
import { DEFAULT_QUEUE_ORDER, nextOrder, orderQueues } from './queue-order';

function queue(name: string, overrides: Partial<QueueSummary> = {}, counts: Partial<QueueSummary['counts']> = {}): QueueSummary {
  return {
    prefix: 'bull',
    name,
    paused: false,
    counts: { waiting: 0, active: 0, delayed: 0, prioritized: 0, waitingChildren: 0, completed: 0, failed: 0, ...counts },
    oldestWaitingAgeMs: null,
    throughputPerMinute: 0,
    failureRate: null,
    failureRateJobs: 0,
    workers: 0,
    problems: [],
    ...overrides,
  };
}

const queues = [
  queue('emails', { failureRate: 0.02, oldestWaitingAgeMs: 1000 }, { failed: 3, waiting: 10 }),
  queue('Billing', { failureRate: 0.3 }, { failed: 40 }),
  queue('images', { prefix: 'media' }, { failed: 3, waiting: 500 }),
];
const names = (list: QueueSummary[]) => list.map((entry) => entry.name);

describe('orderQueues', () => {
  it('sorts by name by default, ignoring case', () => {
    expect(names(orderQueues(queues, DEFAULT_QUEUE_ORDER))).toEqual(['Billing', 'emails', 'images']);
  });

  it('sorts by a count, largest first, ties by name', () => {
    expect(names(orderQueues(queues, nextOrder(DEFAULT_QUEUE_ORDER, 'failed')))).toEqual(['Billing', 'emails', 'images']);
    expect(names(orderQueues(queues, nextOrder(DEFAULT_QUEUE_ORDER, 'waiting')))).toEqual(['images', 'emails', 'Billing']);
  });

  it('puts queues without a value last, whichever the direction', () => {
    const byAge = nextOrder(DEFAULT_QUEUE_ORDER, 'oldestWaitingAgeMs');
    expect(names(orderQueues(queues, byAge))).toEqual(['emails', 'Billing', 'images']);
    expect(names(orderQueues(queues, nextOrder(byAge, 'oldestWaitingAgeMs')))).toEqual(['emails', 'Billing', 'images']);
    expect(names(orderQueues(queues, nextOrder(DEFAULT_QUEUE_ORDER, 'failureRate')))).toEqual(['Billing', 'emails', 'images']);
  });

  it('filters by a part of the name or prefix, ignoring case', () => {
    expect(names(orderQueues(queues, { ...DEFAULT_QUEUE_ORDER, filter: 'BILL' }))).toEqual(['Billing']);
    expect(names(orderQueues(queues, { ...DEFAULT_QUEUE_ORDER, filter: 'media' }))).toEqual(['images']);
    expect(orderQueues(queues, { ...DEFAULT_QUEUE_ORDER, filter: 'nothing' })).toEqual([]);
  });

  it('turns the direction on a second click, and starts names from A', () => {
    expect(nextOrder(DEFAULT_QUEUE_ORDER, 'name')).toMatchObject({ sort: 'name', descending: true });
    expect(nextOrder(nextOrder(DEFAULT_QUEUE_ORDER, 'failed'), 'name')).toMatchObject({ sort: 'name', descending: false });
  });
});
