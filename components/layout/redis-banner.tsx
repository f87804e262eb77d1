'use client';

import { useHealth } from '../api/hooks';

/** Shown on every page while the API cannot reach Redis (or the server itself is unreachable). */
export function RedisBanner() {
  const health = useHealth();
  const serverDown = health.isError;
  const redisDown = health.data?.redis === 'down';
  if (!serverDown && !redisDown) return null;
  return (
    <div
      role="alert"
      data-testid="redis-banner"
      className="border-b border-red-300 bg-red-100 px-6 py-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <strong className="font-semibold">{serverDown ? 'The Lookout server is unreachable.' : 'Redis is unreachable.'}</strong>{' '}
      The numbers below are the last ones we could read and may be stale. Lookout keeps retrying every few seconds and
      will recover by itself.
    </div>
  );
}
