import { hostname } from 'node:os';
import { z } from 'zod';

/** Environment contract of ARCHITECTURE.md, validated once at the edge. */
const envSchema = z.object({
  REDIS_URL: z.string().url().optional(),
  LOOKOUT_PREFIXES: z
    .string()
    .default('bull')
    .transform((value) =>
      value
        .split(',')
        .map((prefix) => prefix.trim())
        .filter((prefix) => prefix.length > 0),
    )
    .pipe(z.array(z.string().min(1).max(200)).min(1, 'LOOKOUT_PREFIXES must name at least one prefix')),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default('127.0.0.1'),
  /** Worker heartbeat period; a heartbeat expires after 6 periods. */
  LOOKOUT_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /**
   * Namespace of the keys Lookout writes itself (`{<namespace>}:…`: metrics, the monitor's lock, alerts, audit);
   * several installations can share a Redis. LOOKOUT_KEY_PREFIX is its old name and still accepted.
   */
  LOOKOUT_NAMESPACE: z.string().min(1).max(100).default('lookout'),
  LOOKOUT_MONITOR_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  /** How long 1-minute metric points are kept. */
  LOOKOUT_METRICS_RETENTION_1M_HOURS: z.coerce.number().min(1).max(24 * 90).default(48),
  /** How long 15-minute metric points are kept. */
  LOOKOUT_METRICS_RETENTION_15M_DAYS: z.coerce.number().min(1).max(3650).default(30),
});

export type LookoutConfig = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(env: Record<string, string | undefined> = process.env): LookoutConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  // Containers export HOSTNAME as the machine's name; that is not a choice to listen on the network.
  if (cleaned.HOSTNAME === hostname()) delete cleaned.HOSTNAME;
  const alias = cleaned.LOOKOUT_KEY_PREFIX;
  delete cleaned.LOOKOUT_KEY_PREFIX;
  if (alias !== undefined) {
    if (cleaned.LOOKOUT_NAMESPACE !== undefined && cleaned.LOOKOUT_NAMESPACE !== alias) {
      throw new ConfigError(`Invalid configuration: LOOKOUT_NAMESPACE ("${cleaned.LOOKOUT_NAMESPACE}") and its old name LOOKOUT_KEY_PREFIX ("${alias}") differ; set only LOOKOUT_NAMESPACE`);
    }
    cleaned.LOOKOUT_NAMESPACE = alias;
  }
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const details = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${details}`);
  }
  return result.data;
}
