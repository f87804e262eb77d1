import { parentOf } from './flows';
import type { JobDetail, JobState, JobSummary, ParsedJson, TimelineEvent } from './types';

export type JobHash = Record<string, string>;

export function parseJson(raw: string | undefined): ParsedJson | null {
  if (raw === undefined) return null;
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    return { ok: false, raw, error: error instanceof Error ? error.message : String(error) };
  }
}

function parseNumber(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

function parseProgress(raw: string | undefined): unknown {
  const parsed = parseJson(raw);
  if (!parsed) return 0;
  return parsed.ok ? parsed.value : parsed.raw;
}

function parseStacktrace(raw: string | undefined): string[] {
  const parsed = parseJson(raw);
  if (!parsed) return [];
  if (!parsed.ok) return [parsed.raw];
  if (Array.isArray(parsed.value)) return parsed.value.map((frame) => (typeof frame === 'string' ? frame : JSON.stringify(frame)));
  return [typeof parsed.value === 'string' ? parsed.value : JSON.stringify(parsed.value)];
}

/** What is wrong with a job hash, or null when it has what BullMQ always writes. */
function describeProblems(hash: JobHash): string | null {
  if (Object.keys(hash).length === 0) return 'job hash is missing';
  const problems: string[] = [];
  if (hash.name === undefined) problems.push('no name');
  if (hash.data === undefined) problems.push('no data');
  else if (!parseJson(hash.data)?.ok) problems.push('data is not valid JSON');
  if (hash.timestamp === undefined) problems.push('no timestamp');
  else if (parseNumber(hash.timestamp) === null) problems.push('timestamp is not a number');
  if (hash.opts !== undefined && !parseJson(hash.opts)?.ok) problems.push('opts is not valid JSON');
  return problems.length ? problems.join(', ') : null;
}

function attemptsMade(hash: JobHash): number {
  // BullMQ ≥ 5 writes `atm`; older versions and other languages' clients write `attemptsMade`.
  return parseNumber(hash.atm) ?? parseNumber(hash.attemptsMade) ?? 0;
}

/** Enough of a job's data to search by (ids, emails, urls) without sending megabytes per page. */
export const DATA_PREVIEW_CHARS = 2000;

export function toJobSummary(id: string, state: JobState | 'unknown', hash: JobHash): JobSummary {
  return {
    id,
    name: hash.name ?? null,
    state,
    attemptsMade: attemptsMade(hash),
    timestamp: parseNumber(hash.timestamp),
    processedOn: parseNumber(hash.processedOn),
    finishedOn: parseNumber(hash.finishedOn),
    failedReason: hash.failedReason ?? null,
    progress: parseProgress(hash.progress),
    malformed: describeProblems(hash),
    dataPreview: hash.data === undefined ? null : hash.data.slice(0, DATA_PREVIEW_CHARS),
  };
}

function buildTimeline(summary: JobSummary, delayMs: number): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  if (summary.timestamp !== null) {
    events.push({ event: 'created', at: summary.timestamp });
    if (delayMs > 0) events.push({ event: 'delayed-until', at: summary.timestamp + delayMs });
  }
  if (summary.processedOn !== null) events.push({ event: 'started', at: summary.processedOn });
  if (summary.finishedOn !== null) {
    events.push({ event: summary.failedReason !== null && summary.state !== 'completed' ? 'failed' : 'completed', at: summary.finishedOn });
  }
  return events.sort((a, b) => a.at - b.at);
}

export function toJobDetail(
  ref: { prefix: string; queue: string },
  id: string,
  state: JobState | 'unknown',
  hash: JobHash,
  logs: { lines: string[]; count: number },
  knownPrefixes: readonly string[] = [ref.prefix],
): JobDetail {
  const summary = toJobSummary(id, state, hash);
  const invalidJsonFields: string[] = [];
  const readJsonField = (field: 'data' | 'opts' | 'returnvalue'): unknown => {
    const parsed = parseJson(hash[field]);
    if (!parsed) return null;
    if (parsed.ok) return parsed.value;
    invalidJsonFields.push(field);
    return parsed.raw;
  };
  const opts = readJsonField('opts');
  const optsObject = typeof opts === 'object' && opts !== null ? (opts as Record<string, unknown>) : {};
  const maxAttempts = typeof optsObject.attempts === 'number' ? optsObject.attempts : null;
  const delayMs = parseNumber(hash.delay) ?? (typeof optsObject.delay === 'number' ? optsObject.delay : 0);
  return {
    ...summary,
    queue: ref.queue,
    prefix: ref.prefix,
    data: readJsonField('data'),
    opts,
    returnvalue: readJsonField('returnvalue'),
    invalidJsonFields,
    stacktrace: parseStacktrace(hash.stacktrace),
    logs: logs.lines,
    logCount: logs.count,
    attempts: { made: summary.attemptsMade, started: parseNumber(hash.ats), max: maxAttempts },
    delayMs,
    priority: parseNumber(hash.priority) ?? 0,
    parentKey: hash.parentKey ?? null,
    parent: parentOf(hash, knownPrefixes),
    children: [],
    childCounts: { pending: 0, completed: 0, failed: 0, total: 0 },
    timeline: buildTimeline(summary, delayMs),
  };
}
