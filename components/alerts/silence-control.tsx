'use client';

import { useState } from 'react';
import { useSilenceAlert } from '../api/alert-hooks';

const CHOICES = [15, 60, 240, 1440];

/** Silence an alert for N minutes, or lift its silence (operators). */
export function SilenceControl({ id, silenced }: { id: string; silenced: boolean }) {
  const [minutes, setMinutes] = useState(60);
  const silence = useSilenceAlert();
  return (
    <span className="inline-flex items-center gap-1">
      {silenced ? (
        <button type="button" data-testid="unsilence-button" className="rounded border px-2 py-0.5 text-xs dark:border-slate-700" disabled={silence.isPending} onClick={() => silence.mutate({ id, minutes: 0 })}>
          Unsilence
        </button>
      ) : (
        <>
          <select
            aria-label="Silence for"
            data-testid="silence-minutes"
            className="rounded border bg-transparent px-1 py-0.5 text-xs dark:border-slate-700"
            value={minutes}
            onChange={(event) => setMinutes(Number(event.target.value))}
          >
            {CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {choice < 60 ? `${choice} min` : `${choice / 60} h`}
              </option>
            ))}
          </select>
          <button type="button" data-testid="silence-button" className="rounded border px-2 py-0.5 text-xs dark:border-slate-700" disabled={silence.isPending} onClick={() => silence.mutate({ id, minutes })}>
            Silence
          </button>
        </>
      )}
      {silence.isError ? <span className="text-xs text-red-600">{silence.error.message}</span> : null}
    </span>
  );
}
