'use client';

import { useSearchParams } from 'next/navigation';

/** The query parameter naming the Redis connection, on pages and API calls alike. */
export const CONNECTION_PARAM = 'connection';

/** The connection the page shows: `?connection=`, or undefined for the default one. */
export function useConnection(): string | undefined {
  return useSearchParams().get(CONNECTION_PARAM) ?? undefined;
}

/** Adds `connection=` to a page or API path (left out for the default connection, so URLs stay as they were). */
export function withConnection(path: string, connection: string | undefined): string {
  if (connection === undefined) return path;
  const [pathname = '', query = ''] = path.split('?', 2);
  const search = new URLSearchParams(query);
  search.set(CONNECTION_PARAM, connection);
  return `${pathname}?${search.toString()}`;
}
