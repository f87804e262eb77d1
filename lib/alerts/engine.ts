import { DEFAULT_CONNECTION } from '../config';
import type { RedisClient } from '../redis';
import { DeliveryLog } from './delivery-log';
import { DeliveryService, type DeliveryOptions } from './delivery';
import { evaluate } from './evaluate';
import { alertKeys, type AlertKeys } from './keys';
import { LeaderLock, type LeaderElection, type LeaderLockOptions } from './leader-lock';
import { groupNotifications } from './notifiers';
import { observeQueues, observeRedis, type QueueSample } from './observe';
import { buildRuleSet, type RuleOverrides } from './rules';
import type { AlertSettings } from './settings';
import { AlertStore } from './store';
import type { Alert, AlertNotification, AlertTransition } from './types';
import type { Webhook } from './webhooks';

export interface AlertEngineOptions {
  /** The engine's own connection (fail-fast options, see lib/redis createRedis); the caller closes it. */
  redis: RedisClient;
  /** Reads every queue's numbers; lib/queues' readAllQueueSummaries in production. */
  sampleQueues: (now: number) => Promise<QueueSample[]>;
  settings: Pick<AlertSettings, 'namespace' | 'rules' | 'webhooks' | 'externalUrl'>;
  /** The connection `redis` talks to, carried by every alert as its `connection` label; "default" when omitted. */
  connection?: string;
  delivery?: DeliveryOptions;
  /** Options for the engine's own lock (`{<namespace>}:alerts:leader`), or a shared election such as the monitor's. */
  lock?: LeaderLockOptions | LeaderElection;
  pingTimeoutMs?: number;
}

export interface TickResult {
  redis: 'up' | 'down';
  leader: boolean;
  /** Notifications handed to the delivery component by this tick. */
  notifications: AlertNotification[];
  /** Pending and firing alerts after this tick (queue alerts only when this engine leads). */
  active: Alert[];
  error: string | null;
}

/**
 * Evaluates the alert rules once per tick(now): only the holder of the leader lock evaluates, commits and sends,
 * so several monitors never double-send. RedisDown cannot live in Redis: its state stays in memory, and it is
 * sent by the monitor that led when Redis was last reachable (its attempts are logged once Redis is back).
 */
export class AlertEngine {
  readonly keys: AlertKeys;
  readonly store: AlertStore;
  readonly lock: LeaderElection;
  readonly deliveryLog: DeliveryLog;
  readonly deliveries: DeliveryService;
  readonly connection: string;
  private redisAlerts = new Map<string, Alert>();
  private unsavedHistory: AlertTransition[] = [];
  private ledAtLastContact = false;
  /** What was last read from Redis, used while it is unreachable. */
  private lastKnown: { overrides: RuleOverrides; webhooks: Webhook[]; silencedUntil: Map<string, number> };

  constructor(private readonly options: AlertEngineOptions) {
    this.connection = options.connection ?? DEFAULT_CONNECTION;
    this.keys = alertKeys(options.settings.namespace);
    this.store = new AlertStore(options.redis, this.keys);
    this.lock = options.lock && 'hold' in options.lock ? options.lock : new LeaderLock(options.redis, this.keys.leader, this.keys.fence, options.lock);
    this.deliveryLog = new DeliveryLog(options.redis, this.keys);
    this.deliveries = new DeliveryService(this.deliveryLog, { externalUrl: options.settings.externalUrl }, options.delivery);
    this.lastKnown = { overrides: {}, webhooks: options.settings.webhooks, silencedUntil: new Map() };
  }

  async tick(now = Date.now()): Promise<TickResult> {
    const result: TickResult = { redis: 'down', leader: false, notifications: [], active: [], error: null };
    if (await this.ping()) {
      result.redis = 'up';
      try {
        result.leader = await this.lock.hold();
        this.ledAtLastContact = result.leader;
        await this.deliveryLog.flush();
        if (result.leader) await this.evaluateQueues(now, result);
      } catch (error) {
        result.error = error instanceof Error ? error.message : String(error);
      }
    }
    await this.evaluateRedis(now, result);
    return result;
  }

  /** Waits for deliveries (retries are cut short) and hands the lock over at once. */
  async close(): Promise<void> {
    await this.deliveries.close();
    await this.deliveryLog.flush();
    await this.lock.release().catch(() => undefined);
  }

  /** PING with a deadline; a client still (re)connecting gets that deadline to become ready. Never throws. */
  private async ping(): Promise<boolean> {
    const redis = this.options.redis;
    const timeoutMs = this.options.pingTimeoutMs ?? 1500;
    let timer: NodeJS.Timeout | undefined;
    let onReady: (() => void) | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('PING timed out')), timeoutMs);
      timer.unref();
    });
    try {
      if (redis.status !== 'ready' && redis.status !== 'end') {
        await Promise.race([new Promise<void>((resolve) => redis.once('ready', (onReady = resolve))), deadline]);
      }
      return (await Promise.race([redis.ping(), deadline])) === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      if (onReady) redis.off('ready', onReady);
    }
  }

  private async evaluateQueues(now: number, result: TickResult): Promise<void> {
    const snapshot = await this.store.snapshot();
    const silencedUntil = new Map([...snapshot.silences].map(([id, silence]) => [id, silence.until]));
    const webhooks = [...this.options.settings.webhooks, ...snapshot.webhooks];
    this.lastKnown = { overrides: snapshot.overrides, webhooks, silencedUntil };
    const ruleSet = buildRuleSet(this.options.settings.rules, snapshot.overrides);
    const observations = observeQueues(await this.options.sampleQueues(now), ruleSet, this.connection);
    const outcome = evaluate({ now, observations, previous: snapshot.active, silencedUntil });
    const expired = [...snapshot.silences].filter(([, silence]) => silence.until <= now).map(([id]) => id);
    const lockValue = this.lock.value;
    if (!lockValue || !(await this.store.commit({ key: this.lock.key, value: lockValue }, outcome, expired))) {
      // Another monitor took over during this tick: it evaluates and sends from now on.
      result.leader = false;
      return;
    }
    result.active.push(...outcome.active);
    result.notifications.push(...outcome.notifications);
    this.deliveries.dispatch(webhooks, groupNotifications(outcome.notifications));
  }

  private async evaluateRedis(now: number, result: TickResult): Promise<void> {
    const reachable = result.redis === 'up';
    // Only the last known leader speaks for an unreachable Redis; whoever has it firing also sends the resolve.
    if (!(reachable ? result.leader : this.ledAtLastContact) && this.redisAlerts.size === 0) return;
    const ruleSet = buildRuleSet(this.options.settings.rules, this.lastKnown.overrides);
    const outcome = evaluate({ now, observations: observeRedis(reachable, ruleSet, this.connection), previous: this.redisAlerts, silencedUntil: this.lastKnown.silencedUntil });
    this.redisAlerts = new Map(outcome.active.map((alert) => [alert.id, alert]));
    result.active.push(...outcome.active);
    result.notifications.push(...outcome.notifications);
    this.deliveries.dispatch(this.lastKnown.webhooks, groupNotifications(outcome.notifications));
    this.unsavedHistory.push(...outcome.transitions);
    if (reachable && this.unsavedHistory.length > 0) {
      const pending = this.unsavedHistory;
      this.unsavedHistory = [];
      await this.store.appendHistory(pending).catch(() => this.unsavedHistory.unshift(...pending));
    }
  }
}
