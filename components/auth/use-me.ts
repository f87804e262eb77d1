'use client';

import { useQuery } from '@tanstack/react-query';
import type { Role } from '@/lib/auth/roles';
import { fetchJson } from '../api/client';

export interface Me {
  name: string;
  role: Role;
  via: 'session' | 'token' | 'none' | 'cli';
  authDisabled: boolean;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => fetchJson<Me>('/api/me'), staleTime: 60_000 });
}

/** Whether the signed-in role may do something; the server checks again, this only hides buttons. */
export function useCan(required: Role): boolean {
  const { data } = useMe();
  return data ? RANK[data.role] >= RANK[required] : false;
}
