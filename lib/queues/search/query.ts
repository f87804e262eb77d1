import { invalid } from '../../errors';
import type { JobState } from '../types';

/**
 * What a search or a bulk action by query selects: the jobs of one state, narrowed by a search term, an age range
 * and a failure group. The same query drives the jobs list (`GET …/jobs?q=`), the preview and the operation, so
 * what the list shows is what the action touches.
 */
export interface JobQuery {
  state: JobState;
  /** A job id, a name prefix, a `failedReason` substring, or `data.path=value`. */
  q?: string;
  /** Only jobs at least this old (finish time for completed/failed jobs, creation time otherwise). */
  olderThanMs?: number;
  /** Only jobs at most this old. */
  newerThanMs?: number;
  /** A failure group's fingerprint (failed jobs only). */
  group?: string;
}

/**
 * A parsed `q`: plain text matches an id exactly, a name by prefix or a failure reason by substring; a data term
 * compares one field of the job's data.
 */
export type SearchTerm =
  | { kind: 'text'; text: string; lower: string }
  /** `quoted`: the value was written in double quotes, so only a string field matches (`data.code="42"`). */
  | { kind: 'data'; path: string[]; value: string; quoted: boolean };

const DATA_TERM = /^data\.([^=\s][^=]*)=(.*)$/s;

export function parseSearchTerm(q: string): SearchTerm {
  const text = q.trim();
  const data = DATA_TERM.exec(text);
  if (!data) return { kind: 'text', text, lower: text.toLowerCase() };
  const path = (data[1] ?? '').trim().split('.');
  if (path.some((segment) => segment === '')) throw invalid('q: a data path has an empty segment (write data.user.id=42).', 'q');
  const raw = (data[2] ?? '').trim();
  const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
  return { kind: 'data', path, value: quoted ? raw.slice(1, -1) : raw, quoted };
}

/** Whether a query narrows its state at all; without a filter the plain paged list answers faster. */
export function isFiltered(query: Omit<JobQuery, 'state'>): boolean {
  return Boolean(query.q?.trim()) || query.olderThanMs !== undefined || query.newerThanMs !== undefined || query.group !== undefined;
}

export function checkQuery(query: JobQuery): void {
  if (query.group !== undefined && query.state !== 'failed') throw invalid('group: failure groups exist only for failed jobs.', 'group');
  if (query.olderThanMs !== undefined && query.newerThanMs !== undefined && query.olderThanMs > query.newerThanMs) {
    throw invalid('olderThanMs is larger than newerThanMs: no job can be both.', 'olderThanMs');
  }
}
