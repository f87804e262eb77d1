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
});

export type LookoutConfig = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(env: Record<string, string | undefined> = process.env): LookoutConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  // Containers export HOSTNAME as the machine's name; that is not a choice to listen on the network.
  if (cleaned.HOSTNAME === hostname()) delete cleaned.HOSTNAME;
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const details = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${details}`);
  }
  return result.data;
}
