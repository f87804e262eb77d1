'use client';

import Link from 'next/link';
import { useConnection, withConnection } from '../api/connection';
import { useConnections } from '../api/hooks';

/**
 * The configured Redis connections side by side, each with whether it answers; picking one opens its overview.
 * Hidden with a single connection, where there is nothing to pick.
 */
export function ConnectionSwitcher() {
  const { data } = useConnections();
  const current = useConnection();
  const connections = data?.connections ?? [];
  if (connections.length < 2) return null;
  const selected = current ?? connections.find((connection) => connection.default)?.name;
  return (
    <nav aria-label="Redis connections" className="flex flex-col gap-1 text-sm" data-testid="connection-switcher">
      <span className="px-3 text-xs uppercase tracking-wide text-slate-400">Connections</span>
      {connections.map((connection) => {
        const active = connection.name === selected;
        return (
          <Link
            key={connection.name}
            href={withConnection('/', connection.default ? undefined : connection.name)}
            data-testid="connection-link"
            data-connection={connection.name}
            aria-current={active ? 'page' : undefined}
            className={`flex items-center gap-2 rounded-md px-3 py-1.5 ${active ? 'bg-slate-800 font-medium text-white' : 'text-slate-300 hover:bg-slate-800'}`}
          >
            <span
              className={`h-2 w-2 shrink-0 rounded-full ${connection.redis === 'up' ? 'bg-emerald-400' : 'bg-red-500'}`}
              title={connection.redis === 'up' ? 'Redis answers' : 'Redis is unreachable'}
              data-testid="connection-status"
              data-status={connection.redis}
            />
            <span className="truncate">{connection.name}</span>
            {connection.kind === 'cluster' ? <span className="ml-auto text-xs text-slate-400">cluster</span> : null}
          </Link>
        );
      })}
    </nav>
  );
}
