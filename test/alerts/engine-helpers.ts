import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { AlertEngine, type AlertEngineOptions, type RuleOverrides, type Webhook } from '../../lib/alerts';
import { readAllQueueSummaries } from '../../lib/queues';
import { startReceiver, type Receiver } from './receiver';

/** An engine on its own namespace, watching one BullMQ prefix, sending Alertmanager payloads to `url`. */
export function testEngine(
  redis: Redis,
  options: { namespace: string; prefix: string; url?: string; rules?: RuleOverrides; webhooks?: Webhook[] } & Partial<Pick<AlertEngineOptions, 'lock' | 'delivery'>>,
): AlertEngine {
  const webhooks: Webhook[] = options.webhooks ?? (options.url ? [{ id: 'test', name: 'test-receiver', url: options.url, format: 'alertmanager', source: 'env' }] : []);
  return new AlertEngine({
    redis,
    sampleQueues: (now) => readAllQueueSummaries(redis, [options.prefix], now),
    settings: { namespace: options.namespace, rules: options.rules ?? {}, webhooks, externalUrl: 'http://lookout.test' },
    delivery: { baseDelayMs: 20, maxDelayMs: 100, ...options.delivery },
    lock: options.lock,
  });
}

/** Turns the rules off that a test does not look at, so its receiver only hears about the one it checks. */
export function only(rules: RuleOverrides, ...enabled: (keyof RuleOverrides)[]): RuleOverrides {
  const all: (keyof RuleOverrides)[] = ['QueueLengthWarning', 'QueueLengthCritical', 'OldestJobTooOld', 'FailureRateHigh', 'WorkersMissing', 'RedisDown'];
  return Object.fromEntries(all.map((name) => [name, enabled.includes(name) ? { ...rules[name] } : { enabled: false }])) as RuleOverrides;
}

/**
 * A receiver for the whole file, plus cleanup steps that afterAll runs in reverse before closing it and the
 * given clients.
 */
export function alertTestFile(...clients: Redis[]) {
  const file = { receiver: undefined as unknown as Receiver, cleanup: [] as (() => Promise<unknown>)[] };
  beforeAll(async () => {
    file.receiver = await startReceiver();
  });
  afterAll(async () => {
    for (const step of file.cleanup.reverse()) await step();
    await file.receiver.close();
    for (const client of clients) client.disconnect();
  });
  return file;
}
