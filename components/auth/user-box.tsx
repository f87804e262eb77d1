'use client';

import { signOut } from 'next-auth/react';
import { useMe } from './use-me';

export function UserBox() {
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <div className="flex flex-col gap-1" data-testid="user-box">
      <span className="truncate text-slate-200" data-testid="user-name">
        {me.name}
      </span>
      <span data-testid="user-role">{me.role}</span>
      {me.via === 'session' ? (
        <button type="button" data-testid="sign-out" onClick={() => void signOut({ callbackUrl: '/login' })} className="text-left text-sky-400 hover:underline">
          Sign out
        </button>
      ) : null}
    </div>
  );
}

/** A dashboard without login must never look like a protected one. */
export function NoAuthBanner() {
  const { data: me } = useMe();
  if (!me?.authDisabled) return null;
  return (
    <div data-testid="no-auth-banner" className="border-b border-amber-300 bg-amber-100 px-6 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      No authentication (LOOKOUT_AUTH=none): anyone who can reach this address can act on your queues. For local demos only.
    </div>
  );
}
