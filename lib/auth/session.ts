import { decode } from 'next-auth/jwt';
import { ROLES, type Actor, type Role } from './roles';

export const SESSION_COOKIE = 'next-auth.session-token';
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** The signed-in user from the next-auth session cookie (a JWT encrypted with NEXTAUTH_SECRET), or null. */
export async function readSessionActor(request: Request, secret: string | null): Promise<Actor | null> {
  if (!secret) return null;
  const token = readCookie(request, SECURE_SESSION_COOKIE) ?? readCookie(request, SESSION_COOKIE);
  if (!token) return null;
  try {
    const payload = await decode({ token, secret });
    const role = payload?.role as Role | undefined;
    if (!payload?.name || !role || !ROLES.includes(role)) return null;
    return { name: String(payload.name), role, via: 'session' };
  } catch {
    return null;
  }
}
