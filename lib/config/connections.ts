import { z } from 'zod';
import { ConfigError, readConfig } from './env';

/** The name of the one connection configured by REDIS_URL or REDIS_CLUSTER_NODES (without LOOKOUT_CONNECTIONS). */
export const DEFAULT_CONNECTION = 'default';

export interface ClusterNode {
  host: string;
  port: number;
}

interface CommonSpec {
  /** What `?connection=` and the UI call it. */
  name: string;
  /** BullMQ prefixes to discover queues under on this connection. */
  prefixes: readonly string[];
}

/** One Redis deployment Lookout watches. */
export type ConnectionSpec =
  | (CommonSpec & { kind: 'single'; /** null: the embedded redis-server */ url: string | null })
  | (CommonSpec & { kind: 'cluster'; nodes: ClusterNode[]; username?: string; password?: string; tls: boolean });

const connectionName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a name is 1 to 64 letters, digits, "_", "." or "-", starting with a letter or digit');

const prefixList = z.array(z.string().min(1).max(200)).min(1, 'prefixes must name at least one prefix');

const entrySchema = z.union([
  z.object({ name: connectionName, url: z.string().url(), prefixes: prefixList.optional() }).strict(),
  z.object({ name: connectionName, clusterNodes: z.string().min(1), prefixes: prefixList.optional() }).strict(),
]);

const connectionsSchema = z
  .array(entrySchema)
  .min(1, 'name at least one connection')
  .refine((entries) => new Set(entries.map((entry) => entry.name)).size === entries.length, 'connection names must be unique');

/** `URL.parse` is not in every Node 20 this project supports. */
function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * Parses `host:port,host:port,…`; an entry may also be a `redis://` or `rediss://` URL, whose user, password and
 * TLS then apply to every node (a cluster's nodes share them).
 */
export function parseClusterNodes(raw: string, variable: string): Omit<Extract<ConnectionSpec, { kind: 'cluster' }>, keyof CommonSpec | 'kind'> {
  const spec: ReturnType<typeof parseClusterNodes> = { nodes: [], tls: false };
  for (const entry of raw.split(',').map((part) => part.trim()).filter(Boolean)) {
    const url = parseUrl(/^rediss?:\/\//.test(entry) ? entry : `redis://${entry}`);
    const port = Number(url?.port || 6379);
    if (!url?.hostname || !Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`${variable}: "${entry}" is not host:port`);
    spec.nodes.push({ host: url.hostname, port });
    if (url.username) spec.username = decodeURIComponent(url.username);
    if (url.password) spec.password = decodeURIComponent(url.password);
    if (url.protocol === 'rediss:') spec.tls = true;
  }
  if (spec.nodes.length === 0) throw new ConfigError(`${variable} names no node`);
  return spec;
}

function parseConnectionsJson(raw: string): z.infer<typeof connectionsSchema> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(`LOOKOUT_CONNECTIONS is not valid JSON: ${(error as Error).message}`);
  }
  const result = connectionsSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`LOOKOUT_CONNECTIONS: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  return result.data;
}

/**
 * The Redis deployments Lookout watches, the default one first: LOOKOUT_CONNECTIONS when set, otherwise one
 * connection named "default" from REDIS_CLUSTER_NODES or REDIS_URL (or the embedded redis-server).
 */
export function readConnectionSpecs(env: Record<string, string | undefined> = process.env): ConnectionSpec[] {
  const config = readConfig(env);
  const prefixes = config.LOOKOUT_PREFIXES;
  if (env.LOOKOUT_CONNECTIONS?.trim()) {
    return parseConnectionsJson(env.LOOKOUT_CONNECTIONS).map((entry): ConnectionSpec =>
      'url' in entry
        ? { name: entry.name, kind: 'single', url: entry.url, prefixes: entry.prefixes ?? prefixes }
        : { name: entry.name, kind: 'cluster', ...parseClusterNodes(entry.clusterNodes, `LOOKOUT_CONNECTIONS "${entry.name}"`), prefixes: entry.prefixes ?? prefixes },
    );
  }
  if (env.REDIS_CLUSTER_NODES?.trim()) {
    return [{ name: DEFAULT_CONNECTION, kind: 'cluster', ...parseClusterNodes(env.REDIS_CLUSTER_NODES, 'REDIS_CLUSTER_NODES'), prefixes }];
  }
  return [{ name: DEFAULT_CONNECTION, kind: 'single', url: config.REDIS_URL ?? null, prefixes }];
}

/** Whether the configuration names the Redis to use (otherwise Lookout starts its embedded redis-server). */
export function hasConfiguredRedis(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.LOOKOUT_CONNECTIONS?.trim() || env.REDIS_CLUSTER_NODES?.trim() || env.REDIS_URL?.trim());
}
