import type { RedisClient } from '../redis';
import { execPipeline } from '../redis';
import { appendJson, readLatestJson } from './bounded-stream';
import type { EvaluationResult } from './evaluate';
import type { AlertKeys } from './keys';
import { ruleOverridesSchema, type RuleOverrides } from './rules';
import type { Alert, AlertTransition, Silence } from './types';
import { webhookListSchema, toWebhook, type Webhook } from './webhooks';

export const HISTORY_LENGTH = 5000;

/**
 * Applies one evaluation, only if the caller still holds the leader lock (fencing), in one atomic step.
 * KEYS[1] leader lock, KEYS[2] state hash, KEYS[3] history stream, KEYS[4] silences hash
 * ARGV[1] expected lock value, ARGV[2] history max length,
 * ARGV[3] JSON { upserts: [[id, alertJson]], deletes: [id], history: [transitionJson], expiredSilences: [id] }
 * Returns 1 when applied, 0 when the lock is no longer ours.
 */
const COMMIT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local change = cjson.decode(ARGV[3])
for _, pair in ipairs(change.upserts) do redis.call('HSET', KEYS[2], pair[1], pair[2]) end
for _, id in ipairs(change.deletes) do redis.call('HDEL', KEYS[2], id) end
for _, entry in ipairs(change.history) do redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[2], '*', 'e', entry) end
for _, id in ipairs(change.expiredSilences) do redis.call('HDEL', KEYS[4], id) end
return 1`;

function parseJson<T>(raw: string | null | undefined): T | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

function parseHash<T>(hash: Record<string, string>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [field, raw] of Object.entries(hash)) {
    const value = parseJson<T>(raw);
    if (value !== null) map.set(field, value);
  }
  return map;
}

/** Everything one evaluation reads, in one round trip. */
export interface AlertSnapshot {
  overrides: RuleOverrides;
  webhooks: Webhook[];
  active: Map<string, Alert>;
  silences: Map<string, Silence>;
}

/** The Redis side of lib/alerts: owns the keys in AlertKeys and nothing else touches them. */
export class AlertStore {
  constructor(
    readonly redis: RedisClient,
    readonly keys: AlertKeys,
  ) {}

  async snapshot(): Promise<AlertSnapshot> {
    const [rules, webhooks, state, silences] = await execPipeline(
      this.redis.pipeline().get(this.keys.rules).get(this.keys.webhooks).hgetall(this.keys.state).hgetall(this.keys.silences),
    );
    return {
      overrides: parseOverrides(rules?.[1] as string | null),
      webhooks: parseStoredWebhooks(webhooks?.[1] as string | null),
      active: parseHash<Alert>((state?.[1] ?? {}) as Record<string, string>),
      silences: parseHash<Silence>((silences?.[1] ?? {}) as Record<string, string>),
    };
  }

  /** Writes an evaluation's outcome if `lockKey` still holds `lockValue`; false when it does not. */
  async commit(lock: { key: string; value: string }, result: EvaluationResult, expiredSilences: string[]): Promise<boolean> {
    const change = {
      upserts: result.active.map((alert) => [alert.id, JSON.stringify(alert)]),
      deletes: [...result.resolved.map((alert) => alert.id), ...result.dropped],
      history: result.transitions.map((transition) => JSON.stringify(transition)),
      expiredSilences,
    };
    const applied = await this.redis.eval(
      COMMIT,
      4,
      lock.key,
      this.keys.state,
      this.keys.history,
      this.keys.silences,
      lock.value,
      HISTORY_LENGTH,
      JSON.stringify(change),
    );
    return Number(applied) === 1;
  }

  /** History written outside the fenced commit (RedisDown, which lives in the monitor's memory). */
  async appendHistory(transitions: readonly AlertTransition[]): Promise<void> {
    if (transitions.length === 0) return;
    const pipeline = this.redis.multi();
    for (const transition of transitions) appendJson(pipeline, this.keys.history, HISTORY_LENGTH, transition);
    await pipeline.exec();
  }

  async readActive(): Promise<Alert[]> {
    return [...parseHash<Alert>(await this.redis.hgetall(this.keys.state)).values()];
  }

  async readSilences(): Promise<Map<string, Silence>> {
    return parseHash<Silence>(await this.redis.hgetall(this.keys.silences));
  }

  /** The newest transitions first; `scan` bounds the work whatever the filter. */
  async readHistory(filter: (transition: AlertTransition) => boolean, limit: number, scan = 1000): Promise<AlertTransition[]> {
    const entries = await readLatestJson<AlertTransition>(this.redis, this.keys.history, scan);
    return entries.filter(filter).slice(0, limit);
  }

  async silence(id: string, silence: Silence | null): Promise<void> {
    if (silence) await this.redis.hset(this.keys.silences, id, JSON.stringify(silence));
    else await this.redis.hdel(this.keys.silences, id);
  }

  async readOverrides(): Promise<RuleOverrides> {
    return parseOverrides(await this.redis.get(this.keys.rules));
  }

  async saveOverrides(overrides: RuleOverrides): Promise<void> {
    await this.redis.set(this.keys.rules, JSON.stringify(overrides));
  }

  async readWebhooks(): Promise<Webhook[]> {
    return parseStoredWebhooks(await this.redis.get(this.keys.webhooks));
  }

  async saveWebhooks(webhooks: readonly Webhook[]): Promise<void> {
    await this.redis.set(this.keys.webhooks, JSON.stringify(webhooks));
  }
}

/** Saved overrides are validated again on read: a bad document must not stop evaluation. */
function parseOverrides(raw: string | null | undefined): RuleOverrides {
  const parsed = ruleOverridesSchema.safeParse(parseJson(raw));
  return parsed.success ? parsed.data : {};
}

function parseStoredWebhooks(raw: string | null | undefined): Webhook[] {
  // `source` is implied by where the webhook is stored.
  const stored = parseJson<Record<string, unknown>[]>(raw)?.map(({ source: _source, ...hook }) => hook);
  const parsed = webhookListSchema.safeParse(stored);
  return parsed.success ? parsed.data.map((hook, index) => toWebhook(hook, 'ui', index)) : [];
}
