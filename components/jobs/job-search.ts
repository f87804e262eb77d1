import type { JobSummary } from '@/lib/queues/types';

/**
 * Filters the jobs already loaded (one page) by id, name or a substring of their data, case-insensitively.
 * Searching the whole queue is the server's job (the `q` parameter of a later API version).
 */
export function filterJobs(jobs: readonly JobSummary[], query: string): JobSummary[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [...jobs];
  return jobs.filter(
    (job) =>
      job.id.toLowerCase().includes(needle) ||
      (job.name ?? '').toLowerCase().includes(needle) ||
      (job.dataPreview ?? '').toLowerCase().includes(needle),
  );
}
