const STATE_BADGE: Record<string, string> = {
  failed: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  completed: 'bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-200',
  active: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
};

const OTHER = 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200';

export function stateBadgeClass(state: string): string {
  return STATE_BADGE[state] ?? OTHER;
}

/** A job's state as a small coloured label (job page, flow tree, batch jobs). */
export function JobStateBadge({ state, testId = 'job-state' }: { state: string; testId?: string }) {
  return (
    <span data-testid={testId} data-state={state} className={`whitespace-nowrap rounded px-2 py-0.5 text-xs ${stateBadgeClass(state)}`}>
      {state}
    </span>
  );
}
