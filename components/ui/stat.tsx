import type { ReactNode } from 'react';
import { Panel } from './panel';

/** A headline number with its label (and an optional hint below). */
export function Stat({ label, value, testId, hint }: { label: string; value: string; testId: string; hint?: ReactNode }) {
  return (
    <Panel className="min-w-0">
      <div className="text-xs uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </div>
      {hint ? <div className="mt-0.5 truncate text-xs text-slate-500">{hint}</div> : null}
    </Panel>
  );
}
