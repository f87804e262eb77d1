import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { findFreePort } from './free-port';

export const REDIS_INSTALL_HELP =
  'Lookout needs Redis, but no REDIS_URL is set and the redis-server binary was not found on PATH. ' +
  'Install Redis and run the command again: on Debian/Ubuntu `sudo apt-get install -y redis-server`, ' +
  'on macOS `brew install redis`. Or point Lookout at a Redis you already run with ' +
  '`REDIS_URL=redis://host:6379` (Valkey works too).';

export class RedisNotInstalledError extends Error {
  override name = 'RedisNotInstalledError';
  constructor() {
    super(REDIS_INSTALL_HELP);
  }
}

export interface RedisServerOptions {
  /** Folder for the RDB/AOF files; created when missing. */
  dir: string;
  /** Fixed port (e.g. to restart a server on the same address); a free one otherwise. */
  port?: number;
  /** Keep data on disk (RDB snapshots plus AOF); tests turn this off. */
  persist?: boolean;
  binary?: string;
  /** More redis-server arguments, e.g. `--cluster-enabled yes` for a cluster node. */
  extraArgs?: readonly string[];
}

export interface RedisServerHandle {
  url: string;
  port: number;
  dir: string;
  pid: number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A child redis-server must never outlive the process that started it.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGTERM');
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
  });
}

/** Starts a redis-server child process on 127.0.0.1 and resolves once it answers PING. */
export async function startRedisServer(options: RedisServerOptions): Promise<RedisServerHandle> {
  mkdirSync(options.dir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const persistence = options.persist
    ? ['--save', '60', '1', '--appendonly', 'yes', '--appendfsync', 'everysec']
    : ['--save', '', '--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', options.dir, '--daemonize', 'no', ...persistence, ...(options.extraArgs ?? [])];
  // Its own process group: a Ctrl+C in the terminal must not stop Redis before the processes that still need it
  // (supervised workers draining their jobs) have stopped; the owner stops it last, and the exit hook below always does.
  const child = spawn(/*turbopackIgnore: true*/ options.binary ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });

  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failure = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new RedisNotInstalledError() : error);
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code} before it was ready:\n${output}`)));
  });
  failure.catch(() => undefined);

  const ready = (async () => {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (await ping(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server did not answer on port ${port} within 15 s:\n${output}`);
  })();

  try {
    await Promise.race([ready, failure]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  running.add(child);
  installExitHook();
  child.once('exit', () => running.delete(child));

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir: options.dir,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
