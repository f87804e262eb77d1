'use client';

import { usePathname } from 'next/navigation';
import { FiringAlertCount } from '../alerts/alert-badge';
import { useHealth } from '../api/hooks';
import { UserBox } from '../auth/user-box';
import { ConnectionLink } from './connection-link';
import { ConnectionSwitcher } from './connection-switcher';
import { ThemeToggle } from './theme';

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/alerts', label: 'Alerts' },
  { href: '/audit', label: 'Audit log' },
  { href: '/workers', label: 'Workers' },
  { href: '/batches', label: 'Batches' },
];

export function Sidebar() {
  const pathname = usePathname();
  const health = useHealth();
  return (
    <aside className="flex w-56 shrink-0 flex-col gap-6 bg-slate-900 px-4 py-5 text-slate-100">
      <ConnectionLink href="/" className="flex items-center gap-2 text-lg font-semibold">
        {/* eslint-disable-next-line @next/next/no-img-element -- a tiny static SVG needs no optimisation */}
        <img src="/logo.svg" alt="" width={24} height={24} />
        Lookout
      </ConnectionLink>
      <nav className="flex flex-col gap-1 text-sm">
        {NAV.map((item) => {
          const active = item.href === '/' ? pathname === '/' || pathname.startsWith('/queues') : pathname.startsWith(item.href);
          return (
            <ConnectionLink
              key={item.href}
              href={item.href}
              data-testid={`nav-${item.href === '/' ? 'overview' : item.href.slice(1)}`}
              className={`rounded-md px-3 py-2 ${active ? 'bg-slate-800 font-medium text-white' : 'text-slate-300 hover:bg-slate-800'}`}
            >
              {item.label}
              {item.href === '/alerts' ? <FiringAlertCount /> : null}
            </ConnectionLink>
          );
        })}
      </nav>
      <ConnectionSwitcher />
      <div className="mt-auto flex flex-col gap-2 text-xs text-slate-400">
        <UserBox />
        <ThemeToggle />
        <span>Lookout {health.data?.version ?? ''}</span>
      </div>
    </aside>
  );
}
