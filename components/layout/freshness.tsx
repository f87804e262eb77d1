'use client';

import { useEffect, useState } from 'react';
import { formatAgo } from '../format';

export const STALE_AFTER_MS = 10_000;

export function isStale(dataUpdatedAt: number, isError: boolean, now: number): boolean {
  return isError || (dataUpdatedAt > 0 && now - dataUpdatedAt > STALE_AFTER_MS);
}

/** "Updated 2 s ago", turning into a red "stale" badge when polling stops succeeding. */
export function Freshness({ dataUpdatedAt, isError }: { dataUpdatedAt: number; isError: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!dataUpdatedAt) return null;
  const stale = isStale(dataUpdatedAt, isError, now);
  return (
    <span
      data-testid="freshness"
      data-stale={stale}
      className={`rounded-full px-2 py-0.5 text-xs ${stale ? 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200' : 'text-slate-500'}`}
    >
      {stale ? 'Stale · ' : ''}updated {formatAgo(dataUpdatedAt, now)}
    </span>
  );
}
