import { hostname, userInfo } from 'node:os';
import { z } from 'zod';
import type { Actor } from '../../../lib/auth';
import { hasConfiguredRedis, type ConnectionSpec } from '../../../lib/config';
import { isAppError } from '../../../lib/errors';
import { closeBullQueues } from '../../../lib/queues';
import { closeRedis, connectionSpec, getRedis, isRedisConnectionError, withConnection } from '../../../lib/redis';
import { parseArgs } from '../../args';

/** Exit codes of the queue:* commands: 1 when the action failed or a monitored queue is over its maximum, 2 for usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export const SWITCHES = ['json', 'force', 'recent'] as const;

export interface QueueCommandInput<F> {
  positionals: string[];
  flags: F;
  json: boolean;
}

export interface QueueCommandSpec<F> {
  summary: string;
  usage: string;
  /** How many positionals the command takes. */
  positionals: { min: number; max: number };
  flags: z.ZodType<F>;
  /** Resolves to the exit code. */
  run(input: QueueCommandInput<F>): Promise<number>;
}

class UsageError extends Error {}

/** Everything a queue:* command prints goes through these, so --json output stays one parseable document. */
export const out = {
  json: (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  line: (text: string) => process.stdout.write(`${text}\n`),
  /** Progress and warnings: stderr, so `--json` on stdout stays clean. */
  note: (text: string) => process.stderr.write(`${text}\n`),
};

/** The audit log names who acted: for the CLI, the operating-system user on this machine. */
export function cliActor(): Actor {
  let user = process.env.USER ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep $USER.
  }
  return { name: `${user}@${hostname()}`, role: 'admin', via: 'cli' };
}

function namedConnection(connection: string | undefined): ConnectionSpec {
  try {
    return connectionSpec(connection);
  } catch (error) {
    throw isAppError(error) ? new UsageError(`--connection: ${error.message}`) : error;
  }
}

/** Which Redis the command acts on (for messages): the `--connection` named, or the default one. */
function requireRedis(connection: string | undefined): string {
  if (!hasConfiguredRedis()) {
    // An embedded Redis would be empty: acting on it would only ever answer "queue not found".
    throw new UsageError(
      'queue:* and alerts:list act on the Redis your queues live in: set REDIS_URL (e.g. REDIS_URL=redis://localhost:6379), ' +
        'REDIS_CLUSTER_NODES or LOOKOUT_CONNECTIONS, and LOOKOUT_PREFIXES if your queues do not use the default "bull" prefix.',
    );
  }
  const spec = namedConnection(connection);
  return spec.kind === 'single' ? (spec.url ?? spec.name) : spec.nodes.map((node) => `${node.host}:${node.port}`).join(',');
}

function parseFlags<F>(schema: z.ZodType<F>, flags: Record<string, string | true>): F {
  const result = schema.safeParse(flags);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new UsageError('invalid options');
  if (issue.code === 'unrecognized_keys') throw new UsageError(`unknown option ${issue.keys.map((key) => `--${key}`).join(', ')}`);
  throw new UsageError(issue.path.length ? `--${issue.path.join('.')}: ${issue.message}` : issue.message);
}

async function closeConnections(connection: string | undefined): Promise<void> {
  try {
    await closeBullQueues(await getRedis(connection));
  } finally {
    await closeRedis();
  }
}

/**
 * Wraps a queue:* command: validates arguments, requires a configured Redis, runs on the `--connection` named (or the
 * default one), maps errors to messages and exit codes, closes Redis.
 */
export function queueCommand<F extends { json?: boolean; connection?: string }>(spec: QueueCommandSpec<F>) {
  return {
    summary: spec.summary,
    async run(argv: string[]): Promise<void> {
      let connected = false;
      let url = '';
      let connection: string | undefined;
      try {
        const { positionals, flags: raw } = parseArgs(argv, SWITCHES);
        if (positionals.length < spec.positionals.min || positionals.length > spec.positionals.max) throw new UsageError('wrong number of arguments');
        const flags = parseFlags(spec.flags, raw);
        connection = flags.connection;
        url = requireRedis(connection);
        connected = true;
        process.exitCode = await withConnection(flags.connection, () => spec.run({ positionals, flags, json: flags.json === true }));
      } catch (error) {
        process.exitCode = report(error, spec.usage, url);
      } finally {
        if (connected) await closeConnections(connection).catch(() => undefined);
      }
    },
  };
}

function report(error: unknown, usage: string, url: string): number {
  if (error instanceof UsageError) {
    out.note(`${error.message}\n\nUsage: ${usage}`);
    return EXIT.usage;
  }
  if (isAppError(error)) {
    out.note(error.message);
    return EXIT.failed;
  }
  if (isRedisConnectionError(error)) {
    out.note(`Cannot reach Redis at ${url}: ${(error as Error).message}`);
    return EXIT.failed;
  }
  throw error;
}

/** Flags every queue:* command accepts; commands extend this and keep it strict, so a mistyped flag is an error. */
export const commonFlags = z.object({
  json: z.literal(true).optional(),
  prefix: z.string().min(1).optional(),
  connection: z.string().min(1).optional(),
});

export const intFlag = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export function usageError(message: string): Error {
  return new UsageError(message);
}
