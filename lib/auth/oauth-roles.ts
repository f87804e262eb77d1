import type { Role } from './roles';
import type { OAuthSettings } from './settings';

/** The role an OAuth identity gets, or null when the allow-list does not admit it. */
export function roleForOAuthEmail(email: string | null | undefined, oauth: Pick<OAuthSettings, 'allow' | 'roles' | 'defaultRole'>): Role | null {
  if (!email) return null;
  const normalised = email.toLowerCase();
  const domain = `@${normalised.split('@')[1] ?? ''}`;
  const matches = (pattern: string) => pattern === normalised || pattern === domain;
  if (!oauth.allow.some(matches)) return null;
  return oauth.roles.find((entry) => matches(entry.match))?.role ?? oauth.defaultRole;
}
