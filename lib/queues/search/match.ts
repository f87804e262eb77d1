import { failureSignature, fingerprintOf, newestStack } from '../failures';
import { STATE_SOURCES } from '../jobs';
import type { JobState } from '../types';
import { checkQuery, parseSearchTerm, type JobQuery, type SearchTerm } from './query';

type DataTerm = Extract<SearchTerm, { kind: 'data' }>;

/** A query compiled against a moment in time, ready to test jobs. */
export interface JobFilter {
  state: JobState;
  term: SearchTerm | null;
  group: string | null;
  /** Inclusive bounds on the job's time in ms since the epoch; null when open. */
  minTime: number | null;
  maxTime: number | null;
}

export function isFinishedState(state: JobState): state is 'completed' | 'failed' {
  return state === 'completed' || state === 'failed';
}

export function compileFilter(query: JobQuery, now: number): JobFilter {
  checkQuery(query);
  const text = query.q?.trim();
  return {
    state: query.state,
    term: text ? parseSearchTerm(text) : null,
    group: query.group ?? null,
    minTime: query.newerThanMs === undefined ? null : now - query.newerThanMs,
    maxTime: query.olderThanMs === undefined ? null : now - query.olderThanMs,
  };
}

/**
 * Completed and failed sets are scored by finish time, so their time bounds are a score range the window read
 * applies; other states are aged by each job's creation time (`timestamp`), like BullMQ's clean.
 */
export function scoreRange(filter: JobFilter): { min: string; max: string } | null {
  if (!isFinishedState(filter.state) || STATE_SOURCES[filter.state].kind !== 'zset') return null;
  if (filter.minTime === null && filter.maxTime === null) return null;
  return { min: filter.minTime === null ? '-inf' : String(filter.minTime), max: filter.maxTime === null ? '+inf' : String(filter.maxTime) };
}

const LUA_MAGIC = new Set(['^', '$', '(', ')', '%', '.', '[', ']', '*', '+', '-', '?']);

/**
 * The text as a Lua pattern that ignores the case of ASCII letters (`Card` → `[cC][aA][rR][dD]`): the scan script
 * matches without lowercasing, and so without copying, every name and failure reason it reads.
 */
export function caseInsensitivePattern(text: string): string {
  let pattern = '';
  for (const char of text) {
    if (/[A-Za-z]/.test(char)) pattern += `[${char.toLowerCase()}${char.toUpperCase()}]`;
    else if (LUA_MAGIC.has(char)) pattern += `%${char}`;
    else if (char === '\0') pattern += '%z';
    else pattern += char;
  }
  return pattern;
}

/**
 * A value made of plain characters (and, when numeric, written the way JSON writes numbers) appears verbatim in
 * the raw JSON of any job it can match, so Redis can drop jobs without it before their data leaves the server.
 */
export function dataLiteral(term: DataTerm): string | null {
  if (!/^[\w@.+-]+$/.test(term.value)) return null;
  const number = Number(term.value);
  return Number.isNaN(number) || String(number) === term.value ? term.value : null;
}

/** What the scan script tests inside Redis: the text term, the data literal, and creation-time bounds. */
export interface Prefilter {
  /** The text term as a case-insensitive Lua pattern ('' for none): a name prefix or a failure reason substring. */
  textPattern: string;
  /** The text term as written, for the exact id match. */
  id: string;
  /** A literal the raw data must contain ('' for none). */
  literal: string;
  /** Creation-time bounds ('' when open). */
  minCreated: string;
  maxCreated: string;
}

export function prefilterOf(filter: JobFilter): Prefilter {
  const term = filter.term;
  const byCreation = scoreRange(filter) === null && !isFinishedState(filter.state);
  return {
    textPattern: term?.kind === 'text' ? caseInsensitivePattern(term.text) : '',
    id: term?.kind === 'text' ? term.text : '',
    literal: term?.kind === 'data' ? (dataLiteral(term) ?? '') : '',
    minCreated: byCreation && filter.minTime !== null ? String(filter.minTime) : '',
    maxCreated: byCreation && filter.maxTime !== null ? String(filter.maxTime) : '',
  };
}

/** Whether every job of the (score-bounded) state matches, so counting needs no job to be read. */
export function matchesEveryJob(filter: JobFilter): boolean {
  const prefilter = prefilterOf(filter);
  return filter.term === null && filter.group === null && prefilter.minCreated === '' && prefilter.maxCreated === '';
}

/** Job hash fields read back for the candidates the script keeps, when a test needs more than Lua can do. */
export type VerifiedField = 'data' | 'failedReason' | 'stacktrace';

export interface Verifier {
  fields: VerifiedField[];
  matches(values: Partial<Record<VerifiedField, string | null>>): boolean;
}

function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function sameValue(found: unknown, term: DataTerm): boolean {
  if (typeof found === 'string') return found === term.value;
  if (term.quoted) return false;
  if (typeof found === 'number') return term.value !== '' && Number(term.value) === found;
  if (typeof found === 'boolean') return String(found) === term.value;
  return found === null && term.value === 'null';
}

export function matchesData(raw: string | null | undefined, term: DataTerm): boolean {
  if (!raw) return false;
  try {
    return sameValue(readPath(JSON.parse(raw) as unknown, term.path), term);
  } catch {
    // Damaged data matches no data term; the job still shows in unfiltered lists.
    return false;
  }
}

export function matchesGroup(failedReason: string | null | undefined, stacktrace: string | null | undefined, group: string): boolean {
  if (failedReason == null && stacktrace == null) return false;
  return fingerprintOf(failureSignature(failedReason ?? null, newestStack(stacktrace ?? null))) === group;
}

/**
 * The tests Lua cannot do (parse JSON data along a path, fingerprint a failure), run in Node on the candidates
 * only; null when the script's answer is final.
 */
export function verifierOf(filter: JobFilter): Verifier | null {
  const term = filter.term?.kind === 'data' ? filter.term : null;
  const group = filter.group;
  if (!term && group === null) return null;
  const fields: VerifiedField[] = [];
  if (term) fields.push('data');
  if (group !== null) fields.push('failedReason', 'stacktrace');
  return {
    fields,
    matches: (values) => (!term || matchesData(values.data, term)) && (group === null || matchesGroup(values.failedReason, values.stacktrace, group)),
  };
}
