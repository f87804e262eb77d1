import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '../redis';
import { BULL_SUFFIX, execPerItem, hashedPart, JOB_CHILDREN_SUFFIX, jobChildrenKey, jobKey, parseJobKey, queueKey } from '../redis';
import type { ChildCounts, FlowChild, FlowChildren, JobLocation, JobState } from './types';

/** At most this many children are listed per parent; the counts always cover all of them. */
export const MAX_LISTED_CHILDREN = 100;

/** A job's parent, from the `parentKey` field BullMQ writes (or its `parent` JSON, which other clients write). */
export function parentOf(hash: Record<string, string>, knownPrefixes: readonly string[]): JobLocation | null {
  if (hash.parentKey) return parseJobKey(hash.parentKey, knownPrefixes);
  if (!hash.parent) return null;
  try {
    const parent = JSON.parse(hash.parent) as { id?: unknown; queueKey?: unknown };
    return typeof parent.id === 'string' && typeof parent.queueKey === 'string' ? parseJobKey(`${parent.queueKey}:${parent.id}`, knownPrefixes) : null;
  } catch {
    return null;
  }
}

const slotOfJob = (job: JobLocation) => hashedPart(jobKey(job.prefix, job.queue, job.id));

function addCounts(pipeline: ChainableCommander, parent: JobLocation): void {
  const key = (suffix: (typeof JOB_CHILDREN_SUFFIX)[keyof typeof JOB_CHILDREN_SUFFIX]) => jobChildrenKey(parent.prefix, parent.queue, parent.id, suffix);
  pipeline
    .scard(key(JOB_CHILDREN_SUFFIX.pending))
    .hlen(key(JOB_CHILDREN_SUFFIX.processed))
    .hlen(key(JOB_CHILDREN_SUFFIX.ignored))
    .zcard(key(JOB_CHILDREN_SUFFIX.unsuccessful))
    .exists(jobKey(parent.prefix, parent.queue, parent.id));
}

/** Children counts of many parents in one round trip (one pipeline per slot on a cluster); null where the parent is gone. */
export async function readChildCounts(redis: RedisClient, parents: readonly JobLocation[]): Promise<(ChildCounts | null)[]> {
  const answers = await execPerItem(redis, parents, slotOfJob, addCounts);
  return answers.map((results) => {
    const value = (index: number) => {
      const [error, count] = results[index] ?? [null, 0];
      return error ? 0 : Number(count);
    };
    if (value(4) === 0) return null;
    const pending = value(0);
    const completed = value(1);
    const failed = value(2) + value(3);
    return { pending, completed, failed, total: pending + completed + failed };
  });
}

type Category = 'pending' | 'completed' | 'failed';
interface ListedKey {
  key: string;
  category: Category;
  failedReason: string | null;
}

/** Pairs [field, value, field, value…] of an HSCAN, or plain members of an SSCAN/ZRANGE. */
function listedKeys(category: Category, reply: unknown, paired: boolean): ListedKey[] {
  const members = Array.isArray(reply) && Array.isArray(reply[1]) ? (reply[1] as string[]) : Array.isArray(reply) ? (reply as string[]) : [];
  if (!paired) return members.map((key) => ({ key, category, failedReason: null }));
  const listed: ListedKey[] = [];
  for (let index = 0; index < members.length; index += 2) {
    listed.push({ key: members[index] ?? '', category, failedReason: category === 'failed' ? (members[index + 1] ?? null) : null });
  }
  return listed;
}

/** Which state a not-yet-finished child is in: the sorted sets first, then `active`; else it waits (or is gone). */
const PENDING_PROBES: { state: JobState; suffix: (typeof BULL_SUFFIX)[keyof typeof BULL_SUFFIX] }[] = [
  { state: 'failed', suffix: BULL_SUFFIX.failed },
  { state: 'completed', suffix: BULL_SUFFIX.completed },
  { state: 'delayed', suffix: BULL_SUFFIX.delayed },
  { state: 'prioritized', suffix: BULL_SUFFIX.prioritized },
  { state: 'waiting-children', suffix: BULL_SUFFIX.waitingChildren },
];

interface ChildProbe {
  job: JobLocation;
  listed: ListedKey;
}

function addChildReads(pipeline: ChainableCommander, { job, listed }: ChildProbe): void {
  pipeline.hmget(jobKey(job.prefix, job.queue, job.id), 'name', 'failedReason');
  if (listed.category !== 'pending') return;
  for (const probe of PENDING_PROBES) pipeline.zscore(queueKey(job.prefix, job.queue, probe.suffix), job.id);
  pipeline.lpos(queueKey(job.prefix, job.queue, BULL_SUFFIX.active), job.id);
}

function stateOf(listed: ListedKey, results: [Error | null, unknown][], exists: boolean): JobState | 'unknown' {
  if (listed.category !== 'pending') return listed.category;
  for (const [index, probe] of PENDING_PROBES.entries()) {
    const [error, score] = results[index + 1] ?? [null, null];
    if (!error && score !== null) return probe.state;
  }
  const [activeError, position] = results[PENDING_PROBES.length + 1] ?? [null, null];
  if (!activeError && position !== null) return 'active';
  return exists ? 'waiting' : 'unknown';
}

const CATEGORY_ORDER: Record<Category, number> = { failed: 0, pending: 1, completed: 2 };

function byCategoryThenId(a: FlowChild & { category: Category }, b: FlowChild & { category: Category }): number {
  return CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] || a.id.localeCompare(b.id, undefined, { numeric: true });
}

/**
 * A parent job's children: counts of all of them, and up to `limit` listed with their state (failed ones first,
 * then those still to finish, then completed ones). Three round trips whatever the number of children: counts,
 * a bounded scan of each children key, and each listed child's name and state.
 */
export async function readFlowChildren(
  redis: RedisClient,
  parent: JobLocation,
  knownPrefixes: readonly string[],
  limit = MAX_LISTED_CHILDREN,
): Promise<FlowChildren> {
  const [counts] = await readChildCounts(redis, [parent]);
  if (!counts || counts.total === 0) return { counts: counts ?? null, children: [] };
  const key = (suffix: (typeof JOB_CHILDREN_SUFFIX)[keyof typeof JOB_CHILDREN_SUFFIX]) => jobChildrenKey(parent.prefix, parent.queue, parent.id, suffix);
  // SSCAN/HSCAN return a small set or hash whole in one call and about `limit` entries of a large one.
  const [unsuccessful, ignored, pending, processed] = (await execPerItem(redis, [parent], slotOfJob, (pipeline) =>
    pipeline
      .zrange(key(JOB_CHILDREN_SUFFIX.unsuccessful), 0, limit - 1)
      .hscan(key(JOB_CHILDREN_SUFFIX.ignored), '0', 'COUNT', limit)
      .sscan(key(JOB_CHILDREN_SUFFIX.pending), '0', 'COUNT', limit)
      .hscan(key(JOB_CHILDREN_SUFFIX.processed), '0', 'COUNT', limit),
  ))[0]!.map(([error, reply]) => (error ? [] : reply));
  const listed = [
    ...listedKeys('failed', unsuccessful, false),
    ...listedKeys('failed', ignored, true),
    ...listedKeys('pending', pending, false),
    ...listedKeys('completed', processed, true),
  ].slice(0, limit);
  const probes = listed.flatMap((entry): ChildProbe[] => {
    const job = parseJobKey(entry.key, knownPrefixes);
    return job ? [{ job, listed: entry }] : [];
  });
  const answers = await execPerItem(redis, probes, ({ job }) => slotOfJob(job), addChildReads);
  const children = probes.map(({ job, listed: entry }, index) => {
    const results = answers[index] ?? [];
    const [hashError, fields] = results[0] ?? [null, [null, null]];
    const [name, failedReason] = hashError ? [null, null] : (fields as (string | null)[]);
    const exists = name !== null && name !== undefined;
    return {
      ...job,
      name: name ?? null,
      state: stateOf(entry, results, exists),
      failedReason: entry.failedReason ?? failedReason ?? null,
      category: entry.category,
    };
  });
  return { counts, children: children.sort(byCategoryThenId).map(({ category: _category, ...child }) => child) };
}
