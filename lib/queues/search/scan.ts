import type { RedisClient } from '../../redis';
import { execPipeline, jobKey } from '../../redis';
import { readJobSummaries, STATE_SOURCES } from '../jobs';
import type { JobPage, JobSummary, QueueRef } from '../types';
import { matchesEveryJob, prefilterOf, scoreRange, verifierOf, type JobFilter, type Prefilter, type Verifier } from './match';
import { scanWindow, type ScanOrder } from './window';

/**
 * Redis time one scan step aims at. A step is one script call, and Redis serves nobody else while it runs, so this
 * bounds how long any other client waits behind a scan; the window grows or shrinks to stay near it, whatever the
 * size of the jobs and the speed of the machine (bench/search.bench.ts measures PING during a scan).
 */
export const STEP_BUDGET_MICROS = 500;
export const FIRST_WINDOW = 500;
const MIN_WINDOW = 50;
const MAX_WINDOW = 5000;

/** How long one search request keeps scanning before it answers with what it found so far. */
export const SEARCH_BUDGET_MS = 1500;

export interface ScannedWindow {
  /** Jobs in the window, matching or not: how far the scan moved. */
  length: number;
  /** The scan reached the end of the state. */
  atEnd: boolean;
  /** The matching jobs, with their positions in the window (0-based), in order. */
  ids: string[];
  positions: number[];
  /** Jobs in the state (within the filter's score range) when the window was read. */
  total: number;
}

/** Reads a state window by window and keeps the jobs that match one filter. */
export class JobScanner {
  private readonly prefilter: Prefilter;
  private readonly verifier: Verifier | null;
  private size = FIRST_WINDOW;

  constructor(
    private readonly redis: RedisClient,
    readonly ref: QueueRef,
    readonly filter: JobFilter,
  ) {
    this.prefilter = prefilterOf(filter);
    this.verifier = verifierOf(filter);
  }

  /** The next window from `offset`: `count` jobs, or as many as fit the step budget. */
  async window(offset: number, order: ScanOrder, count = this.size): Promise<ScannedWindow> {
    const window = await scanWindow(this.redis, this.ref, this.filter.state, { offset, count, order, range: scoreRange(this.filter) }, this.prefilter);
    this.resize(count, window.length, window.busyMicros);
    const verifier = this.verifier;
    if (!verifier || window.ids.length === 0) return window;
    const pipeline = this.redis.pipeline();
    for (const id of window.ids) pipeline.hmget(jobKey(this.ref.prefix, this.ref.name, id), ...verifier.fields);
    const results = await execPipeline(pipeline);
    const kept = window.ids.flatMap((id, index) => {
      const [error, values] = results[index] ?? [null, null];
      if (error || !Array.isArray(values)) return [];
      const named = Object.fromEntries(verifier.fields.map((field, position) => [field, (values[position] as string | null) ?? null]));
      return verifier.matches(named) ? [index] : [];
    });
    return { ...window, ids: kept.map((index) => window.ids[index] as string), positions: kept.map((index) => window.positions[index] as number) };
  }

  private resize(count: number, length: number, busyMicros: number): void {
    if (busyMicros > STEP_BUDGET_MICROS) this.size = Math.max(MIN_WINDOW, Math.floor((count * STEP_BUDGET_MICROS) / busyMicros));
    else if (busyMicros < STEP_BUDGET_MICROS / 2 && length === count) this.size = Math.min(MAX_WINDOW, count * 2);
  }
}

export interface SearchPage extends JobPage {
  /** Jobs looked at from the start of the state, this request and the ones before it. */
  scanned: number;
}

/**
 * One page of a search, in the order the jobs list shows the state. It stops at `limit` matches, at the end of the
 * state, or when `budgetMs` has passed (after at least one window), and answers with a cursor to continue from.
 */
export async function searchJobs(
  redis: RedisClient,
  ref: QueueRef,
  filter: JobFilter,
  page: { offset: number; limit: number },
  budgetMs = SEARCH_BUDGET_MS,
): Promise<SearchPage> {
  const started = performance.now();
  const scanner = new JobScanner(redis, ref, filter);
  const order = STATE_SOURCES[filter.state].order;
  const found: string[] = [];
  let offset = page.offset;
  let total = 0;
  let exhausted = false;
  for (;;) {
    const window = await scanner.window(offset, order);
    total = window.total;
    const taken = window.ids.slice(0, page.limit - found.length);
    found.push(...taken);
    const full = found.length === page.limit;
    // A full page stops right after its last match, so the next request starts with the job after it.
    const consumed = full && taken.length ? (window.positions[taken.length - 1] as number) + 1 : window.length;
    offset += consumed;
    exhausted = (consumed === window.length && window.atEnd) || offset >= total;
    if (full || exhausted || performance.now() - started >= budgetMs) break;
  }
  return {
    jobs: await readJobSummaries(redis, ref, filter.state, found),
    total,
    scanned: Math.min(offset, total),
    nextCursor: exhausted ? null : String(offset),
  };
}

export const PREVIEW_SAMPLE_SIZE = 5;

/** The exact number of jobs a query matches now, and the first few in list order, scanning the whole state. */
export async function previewMatches(redis: RedisClient, ref: QueueRef, filter: JobFilter): Promise<{ matched: number; sample: JobSummary[] }> {
  const scanner = new JobScanner(redis, ref, filter);
  const order = STATE_SOURCES[filter.state].order;
  if (matchesEveryJob(filter)) {
    const window = await scanner.window(0, order, PREVIEW_SAMPLE_SIZE);
    return { matched: window.total, sample: await readJobSummaries(redis, ref, filter.state, window.ids) };
  }
  const sample: string[] = [];
  let matched = 0;
  for (let offset = 0; ; ) {
    const window = await scanner.window(offset, order);
    matched += window.ids.length;
    sample.push(...window.ids.slice(0, PREVIEW_SAMPLE_SIZE - sample.length));
    offset += window.length;
    if (window.atEnd) break;
  }
  return { matched, sample: await readJobSummaries(redis, ref, filter.state, sample) };
}
