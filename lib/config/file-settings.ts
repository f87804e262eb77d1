import { ConfigError } from './env';

/**
 * What `lookout.config.json` (or `.ts`) may set besides the worker runtime's own keys (`jobs`, `prefix`,
 * `supervisors`): the settings of the README's configuration table, under their environment variable names.
 */
const LIST_SETTINGS = ['LOOKOUT_PREFIXES', 'LOOKOUT_USERS', 'LOOKOUT_API_TOKENS', 'LOOKOUT_OAUTH_ALLOW', 'LOOKOUT_OAUTH_ROLES', 'REDIS_CLUSTER_NODES'] as const;
const JSON_SETTINGS = ['LOOKOUT_ALERT_RULES', 'LOOKOUT_ALERT_WEBHOOKS', 'LOOKOUT_CONNECTIONS'] as const;
const TEXT_SETTINGS = [
  'REDIS_URL',
  'PORT',
  'HOSTNAME',
  'NEXTAUTH_SECRET',
  'NEXTAUTH_URL',
  'LOOKOUT_AUTH',
  'LOOKOUT_ALLOW_UNAUTHENTICATED_NETWORK',
  'LOOKOUT_GITHUB_CLIENT_ID',
  'LOOKOUT_GITHUB_CLIENT_SECRET',
  'LOOKOUT_OIDC_ISSUER',
  'LOOKOUT_OIDC_CLIENT_ID',
  'LOOKOUT_OIDC_CLIENT_SECRET',
  'LOOKOUT_OIDC_NAME',
  'LOOKOUT_OAUTH_DEFAULT_ROLE',
  'LOOKOUT_NAMESPACE',
  'LOOKOUT_KEY_PREFIX',
  'LOOKOUT_HEARTBEAT_INTERVAL_MS',
  'LOOKOUT_MONITOR_INTERVAL_MS',
  'LOOKOUT_METRICS_RETENTION_1M_HOURS',
  'LOOKOUT_METRICS_RETENTION_15M_DAYS',
] as const;

export const FILE_SETTINGS: readonly string[] = [...TEXT_SETTINGS, ...LIST_SETTINGS, ...JSON_SETTINGS];

function asText(name: string, value: unknown): string {
  if ((JSON_SETTINGS as readonly string[]).includes(name)) return typeof value === 'string' ? value : JSON.stringify(value);
  if ((LIST_SETTINGS as readonly string[]).includes(name) && Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(',');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '';
  throw new ConfigError(`Invalid configuration file: ${name} must be ${(LIST_SETTINGS as readonly string[]).includes(name) ? 'a string or a list of strings' : 'a string or a number'}`);
}

/**
 * The environment entries a config file adds: its settings (upper-case keys), written as their variables expect (a list
 * of prefixes comma-separated, rules and webhooks as JSON), for every variable the environment does not set itself,
 * so the environment always wins. An upper-case key that is no setting is refused: it is most likely a typo.
 */
export function settingsFromConfigFile(file: Record<string, unknown>, env: Record<string, string | undefined> = process.env): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(file)) {
    if (!/^[A-Z]/.test(name)) continue;
    if (!FILE_SETTINGS.includes(name)) throw new ConfigError(`Invalid configuration file: unknown setting "${name}" (settings are named as in the README's configuration table)`);
    if (env[name] !== undefined && env[name] !== '') continue;
    const text = asText(name, value);
    if (text !== '') settings[name] = text;
  }
  return settings;
}
