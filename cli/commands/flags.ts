import { z } from 'zod';
import { parseArgs } from '../args';

/** A numeric flag: `--concurrency=5` or `--concurrency 5` (a bare `--concurrency` is an error). */
export const numberFlag = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a number')
  .transform(Number);
/** A switch: `--once`, or `--once=true|false`. */
export const switchFlag = z
  .union([z.literal(true), z.enum(['true', 'false']).transform((value) => value === 'true')])
  .optional()
  .transform((value) => value === true);

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses argv with a zod schema of flags; unknown flags and bad values become one readable line. */
export function parseFlags<S extends z.ZodType>(argv: readonly string[], schema: S): { flags: z.infer<S>; positionals: string[] } {
  const { flags, positionals } = parseArgs(argv);
  const result = schema.safeParse(flags);
  if (result.success) return { flags: result.data, positionals };
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') throw new UsageError(`unknown flag --${issue.keys.join(', --')}`);
  const name = issue?.path.join('.') ?? '';
  if (flags[name] === true) throw new UsageError(`--${name} needs a value (--${name}=…)`);
  throw new UsageError(`${name ? `--${name}` : 'flags'}: ${issue?.message ?? 'invalid'}`);
}

/** Commands that act on the Redis the workers use cannot start a private embedded one. */
export function requireRedisUrl(command: string, url: string | undefined): string {
  if (url) return url;
  throw new UsageError(
    `lookout ${command} needs REDIS_URL, the Redis your queues live in (e.g. REDIS_URL=redis://127.0.0.1:6379 lookout ${command}).`,
  );
}
