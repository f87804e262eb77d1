'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import type { FoundJob } from '@/lib/queues/search/find';
import { withConnection } from '../api/connection';
import { useApi } from '../api/hooks';
import { findJobById } from '../api/search-hooks';
import { jobHref } from '../jobs/job-table';
import { ConnectionLink } from './connection-link';
import { SearchInput } from '../ui/search-input';

type Answer = { kind: 'idle' } | { kind: 'busy' } | { kind: 'found'; id: string; jobs: FoundJob[] } | { kind: 'error'; message: string };

/** The header's box: a job id, looked up in every queue; one hit opens the job, several are listed. */
export function JobFinder() {
  const router = useRouter();
  const api = useApi();
  const [draft, setDraft] = useState('');
  const [answer, setAnswer] = useState<Answer>({ kind: 'idle' });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setAnswer({ kind: 'idle' });
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const id = draft.trim();
    if (!id) return;
    setAnswer({ kind: 'busy' });
    try {
      const { jobs } = await findJobById(api, id);
      const only = jobs.length === 1 ? jobs[0] : undefined;
      if (only) {
        setAnswer({ kind: 'idle' });
        router.push(withConnection(jobHref(only.queue, only.id, only.prefix), api.connection));
        return;
      }
      setAnswer({ kind: 'found', id, jobs });
    } catch (error) {
      setAnswer({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <form role="search" onSubmit={(event) => void submit(event)} className="relative">
      <SearchInput value={draft} onChange={setDraft} label="Find a job by id" placeholder="Find a job by id in every queue" testId="job-finder" width="w-72" />
      {answer.kind === 'found' || answer.kind === 'error' ? (
        <div data-testid="job-finder-results" className="absolute right-0 z-30 mt-1 w-96 rounded-md border border-slate-200 bg-white p-2 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900">
          {answer.kind === 'error' ? <p className="text-red-700 dark:text-red-400">{answer.message}</p> : null}
          {answer.kind === 'found' && answer.jobs.length === 0 ? <p className="text-slate-500">No job with id “{answer.id}” in any queue.</p> : null}
          {answer.kind === 'found' && answer.jobs.length > 1 ? (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {answer.jobs.map((job) => (
                <li key={`${job.prefix}:${job.queue}`} className="py-1">
                  <ConnectionLink href={jobHref(job.queue, job.id, job.prefix)} onClick={() => setAnswer({ kind: 'idle' })} className="text-sky-700 hover:underline dark:text-sky-400">
                    {job.queue}
                  </ConnectionLink>{' '}
                  <span className="text-slate-500">
                    {job.prefix} · {job.name ?? 'no name'} · {job.state}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
