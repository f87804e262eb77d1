'use client';

import { useState, type FormEvent } from 'react';
import type { JobFilter } from '../api/search-hooks';
import { SearchInput } from '../ui/search-input';

const HOUR = 3_600_000;

/** Age choices, as URL-friendly ids: "any", or newer/older than a span. */
const AGES: { id: string; label: string; olderThanMs?: number; newerThanMs?: number }[] = [
  { id: 'any', label: 'Any age' },
  { id: 'newer-1h', label: 'Last hour', newerThanMs: HOUR },
  { id: 'newer-24h', label: 'Last 24 hours', newerThanMs: 24 * HOUR },
  { id: 'older-1h', label: 'Older than 1 hour', olderThanMs: HOUR },
  { id: 'older-24h', label: 'Older than 24 hours', olderThanMs: 24 * HOUR },
  { id: 'older-7d', label: 'Older than 7 days', olderThanMs: 7 * 24 * HOUR },
];

function ageOf(filter: JobFilter): string {
  return AGES.find((age) => age.olderThanMs === filter.olderThanMs && age.newerThanMs === filter.newerThanMs)?.id ?? 'any';
}

/**
 * The server-side search: a term (id, name prefix, failure reason, `data.path=value`), an age range, and the failure
 * group picked on the Failed tab. The term applies on Enter, so typing does not start a scan per key stroke.
 */
export function SearchBar({ filter, groupLabel, onChange }: { filter: JobFilter; groupLabel?: string; onChange(filter: JobFilter): void }) {
  // The panel is remounted when the search changes, so the draft starts from it.
  const [draft, setDraft] = useState(filter.q ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...filter, q: draft.trim() || undefined });
  };
  const pickAge = (id: string) => {
    const age = AGES.find((candidate) => candidate.id === id);
    onChange({ ...filter, olderThanMs: age?.olderThanMs, newerThanMs: age?.newerThanMs });
  };
  return (
    <form role="search" onSubmit={submit} className="mb-3 flex flex-wrap items-center gap-2">
      <SearchInput value={draft} onChange={setDraft} label="Search jobs" placeholder="Job id, name, failure reason, or data.userId=42" testId="job-search" width="w-96" />
      <button type="submit" data-testid="job-search-submit" className="rounded-md border px-3 py-1 text-sm dark:border-slate-700">
        Search
      </button>
      <select aria-label="Age" data-testid="age-filter" value={ageOf(filter)} onChange={(event) => pickAge(event.target.value)} className="rounded-md border px-3 py-1 text-sm dark:border-slate-700 dark:bg-slate-950">
        {AGES.map((age) => (
          <option key={age.id} value={age.id}>
            {age.label}
          </option>
        ))}
      </select>
      {filter.group !== undefined ? (
        <span data-testid="group-filter" className="inline-flex max-w-md items-center gap-1 rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800 dark:bg-red-950 dark:text-red-200">
          <span className="truncate">group: {groupLabel ?? filter.group}</span>
          <button type="button" aria-label="Remove the failure group filter" onClick={() => onChange({ ...filter, group: undefined })}>
            ×
          </button>
        </span>
      ) : null}
    </form>
  );
}
