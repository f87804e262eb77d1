import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster, Redis } from 'ioredis';
import { findFreePort, startRedisServer, type RedisServerHandle } from '../../lib/redis';

/** A throw-away Redis Cluster of `masters` nodes on 127.0.0.1, each in its own temp dir; stop() removes it all. */
export interface TestCluster {
  /** `host:port,host:port,…`, the REDIS_CLUSTER_NODES / clusterNodes form. */
  nodes: string;
  ports: number[];
  stop(): Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A cluster node also listens on port + 10000 (the cluster bus), so both must be free. */
async function findClusterPort(taken: readonly number[]): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await findFreePort();
    if (port + 10_000 > 65_535 || taken.includes(port)) continue;
    if (await portIsFree(port + 10_000)) return port;
  }
  throw new Error('no free port pair (port and port + 10000) for a cluster node');
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} exited with ${code}:\n${output}`))));
  });
}

async function waitUntilClusterOk(ports: readonly number[], timeoutMs = 20_000): Promise<void> {
  const clients = ports.map((port) => new Redis({ port, host: '127.0.0.1', lazyConnect: true }));
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const infos = await Promise.all(clients.map((client) => client.cluster('INFO') as Promise<string>));
      if (infos.every((info) => info.includes('cluster_state:ok'))) return;
      if (Date.now() > deadline) throw new Error(`the cluster did not reach cluster_state:ok within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    for (const client of clients) client.disconnect();
  }
}

/** Starts `masters` redis-server processes with cluster mode on, joins them with `redis-cli --cluster create`. */
export async function startTestCluster(masters = 3): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-test-cluster-'));
  const servers: RedisServerHandle[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ports: number[] = [];
    for (let i = 0; i < masters; i++) ports.push(await findClusterPort(ports));
    servers.push(
      ...(await Promise.all(
        ports.map((port) =>
          startRedisServer({
            dir: join(dir, String(port)),
            port,
            persist: false,
            extraArgs: ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000'],
          }),
        ),
      )),
    );
    const addresses = ports.map((port) => `127.0.0.1:${port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
    await waitUntilClusterOk(ports);
    return { nodes: addresses.join(','), ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Hash tags `<base>-<n>`, one that lands on each master, in master order: prefixes such as `{<tag>}` then put
 * queues on every node of the cluster.
 */
export async function tagPerMaster(client: Cluster, base: string): Promise<string[]> {
  const masters = new Map(client.nodes('master').map((node) => [`${node.options.host}:${node.options.port}`, null as string | null]));
  for (let n = 0; [...masters.values()].includes(null) && n < 1000; n++) {
    const tag = `${base}-${n}`;
    const slot = Number(await client.cluster('KEYSLOT', tag));
    const owner = client.slots[slot]?.[0];
    if (owner && masters.get(owner) === null) masters.set(owner, tag);
  }
  const tags = [...masters.values()].filter((tag): tag is string => tag !== null);
  if (tags.length !== masters.size) throw new Error('could not find a hash tag for every master');
  return tags;
}

/** An application's client of the cluster, as BullMQ producers and workers take it (blocking commands allowed), once ready. */
export async function connectToCluster(cluster: TestCluster): Promise<Cluster> {
  const client = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })), { redisOptions: { maxRetriesPerRequest: null } });
  await new Promise((resolve) => client.once('ready', resolve));
  return client;
}
