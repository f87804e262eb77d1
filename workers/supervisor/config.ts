import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { invalid } from '../../lib/errors';
import { errorMessage } from '../errors';

const queueName = z.string().min(1).max(255);
const seconds = z.number().finite().min(0);

export const supervisorConfigSchema = z
  .object({
    name: z.string().min(1).max(100).regex(/^[\w.-]+$/, 'use letters, digits, ".", "_" and "-"'),
    /** In priority order, as for `lookout work --queue`. */
    queues: z.array(queueName).min(1),
    processes: z
      .object({ min: z.number().int().min(0), max: z.number().int().min(1) })
      .refine((processes) => processes.min <= processes.max, 'processes.min must not exceed processes.max'),
    concurrency: z.number().int().min(1).default(1),
    tries: z.number().int().min(1).optional(),
    timeout: seconds.optional(),
    sleep: seconds.optional(),
    maxJobs: z.number().int().min(0).optional(),
    maxTime: seconds.optional(),
    grace: seconds.optional(),
    /** Module exporting the job definitions; the file's top-level `jobs` when omitted. */
    jobs: z.string().min(1).optional(),
    balance: z
      .object({
        backlogPerProcess: z.number().int().min(1).default(50),
        cooldownMs: z.number().int().min(0).default(3000),
        maxShift: z.number().int().min(1).default(1),
      })
      .prefault({}),
  })
  .strict();

export type SupervisorConfig = z.infer<typeof supervisorConfigSchema>;

/** `lookout.config.json` (or `.ts` exporting it as default): the worker runtime's keys. Other keys are left to lib/config. */
export const lookoutFileSchema = z
  .object({
    jobs: z.string().min(1).optional(),
    prefix: z.string().min(1).max(200).optional(),
    supervisors: z.array(supervisorConfigSchema).optional(),
  })
  .loose();

export type LookoutFileConfig = z.infer<typeof lookoutFileSchema> & { path: string };

export const CONFIG_FILES = ['lookout.config.json', 'lookout.config.ts'];

/** The config file in `cwd`, or null. */
export function findConfigFile(cwd = process.cwd()): string | null {
  for (const name of CONFIG_FILES) {
    const path = resolve(cwd, name);
    if (existsSync(path)) return path;
  }
  return null;
}

/** Reads and validates a config file; relative `jobs` paths are made relative to the file. */
export async function loadConfigFile(path: string): Promise<LookoutFileConfig> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw invalid(`Config file ${path} does not exist`, 'config');
  let raw: unknown;
  if (extname(absolute) === '.json') {
    try {
      raw = JSON.parse(readFileSync(absolute, 'utf8'));
    } catch (error) {
      throw invalid(`${path} is not valid JSON: ${errorMessage(error)}`, 'config');
    }
  } else {
    raw = ((await import(pathToFileURL(absolute).href)) as { default?: unknown }).default;
  }
  const parsed = lookoutFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    throw invalid(`${path}: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}`, field);
  }
  const base = dirname(absolute);
  const relativeTo = (jobs: string | undefined) => (jobs === undefined || isAbsolute(jobs) ? jobs : resolve(base, jobs));
  return {
    ...parsed.data,
    jobs: relativeTo(parsed.data.jobs),
    supervisors: parsed.data.supervisors?.map((supervisor) => ({ ...supervisor, jobs: relativeTo(supervisor.jobs) })),
    path: absolute,
  };
}
