import type { RedisClient } from '../redis';
import { getQueueAlerts, type AlertView } from '../alerts';
import { notFound } from '../errors';
import { getConnection } from '../redis';
import { discoverQueuesCached } from './discovery';
import { listJobs, readJob } from './jobs';
import { findQueue } from './lookup';
import { readQueueSettings, type QueueSettings } from './settings';
import { compileFilter, isFiltered, searchJobs, type JobQuery, type SearchPage } from './search';
import { readJobStatus, type JobStatus } from './status';
import { readQueueSummaries } from './summaries';
import type { JobDetail, JobPage, QueueSummary } from './types';

/** The functions API routes call: each resolves the connection (the request's, see lib/redis getConnection) itself. */

/** Every queue's summary, read on the given client (the monitor passes its own connection). */
export async function readAllQueueSummaries(redis: RedisClient, prefixes: readonly string[], now = Date.now()): Promise<QueueSummary[]> {
  return readQueueSummaries(redis, await discoverQueuesCached(redis, prefixes), now);
}

export async function getQueueOverview(): Promise<{ queues: QueueSummary[]; prefixes: string[] }> {
  const { redis, prefixes } = await getConnection();
  return { queues: await readAllQueueSummaries(redis, prefixes), prefixes: [...prefixes] };
}

export interface QueueDetail extends QueueSummary {
  settings: QueueSettings;
  /** Pending and firing alerts of this queue, as the alert engine last committed them. */
  alerts: AlertView[];
}

export async function getQueueDetail(name: string, prefix?: string): Promise<QueueDetail> {
  const { redis, prefixes } = await getConnection();
  const ref = await findQueue(redis, prefixes, name, prefix);
  const [[summary], settings, alerts] = await Promise.all([readQueueSummaries(redis, [ref]), readQueueSettings(redis, ref), getQueueAlerts(ref.prefix, ref.name)]);
  if (!summary) throw notFound(`Queue "${name}" was not found.`);
  return { ...summary, settings, alerts };
}

/** A page of a state's jobs; with a search term, an age range or a failure group, a bounded step of a search. */
export async function getQueueJobs(name: string, query: JobQuery & { limit: number; offset: number; prefix?: string }): Promise<JobPage | SearchPage> {
  const { redis, prefixes } = await getConnection();
  const ref = await findQueue(redis, prefixes, name, query.prefix);
  if (isFiltered(query)) return searchJobs(redis, ref, compileFilter(query, Date.now()), query);
  return listJobs(redis, ref, query.state, query);
}

export async function getJobDetail(name: string, id: string, prefix?: string): Promise<JobDetail> {
  const { redis, prefixes } = await getConnection();
  const ref = await findQueue(redis, prefixes, name, prefix);
  const job = await readJob(redis, ref, id, prefixes);
  if (!job) throw notFound(`Job "${id}" was not found in queue "${name}"; it may have been removed.`);
  return job;
}

/** The cheap read applications poll: state, progress, and the result or failure once there is one. */
export async function getJobStatus(name: string, id: string, prefix?: string): Promise<JobStatus> {
  const { redis, prefixes } = await getConnection();
  const ref = await findQueue(redis, prefixes, name, prefix);
  const status = await readJobStatus(redis, ref, id);
  if (!status) throw notFound(`Job "${id}" was not found in queue "${name}"; it may have been removed.`);
  return status;
}
