import { z } from 'zod';
import { ROLES, type Role } from './roles';
import { isPasswordHash } from './passwords';

/** Authentication settings from the environment (ARCHITECTURE.md configuration contract), validated once. */
export interface ConfiguredUser {
  name: string;
  role: Role;
  passwordHash: string;
}

export interface ConfiguredToken {
  role: Role;
  token: string;
}

export interface OAuthSettings {
  github: { clientId: string; clientSecret: string } | null;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
  /** Emails (`ops@example.com`) or domains (`@example.com`) allowed to sign in through OAuth. */
  allow: string[];
  /** First matching email or `@domain` decides the role; everyone else allowed gets `defaultRole`. */
  roles: { match: string; role: Role }[];
  defaultRole: Role;
}

export interface AuthSettings {
  /** `LOOKOUT_AUTH=none`: no login at all (local demo only). */
  disabled: boolean;
  users: ConfiguredUser[];
  tokens: ConfiguredToken[];
  oauth: OAuthSettings;
  secret: string | null;
  /** Lets LOOKOUT_AUTH=none listen beyond the loopback interface. */
  allowUnauthenticatedNetwork: boolean;
}

const role = z.enum(ROLES);
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export class AuthConfigError extends Error {
  override name = 'AuthConfigError';
}

function parseUsers(value: string | undefined): ConfiguredUser[] {
  return list(value).map((entry) => {
    const [name, userRole, ...rest] = entry.split(':');
    const passwordHash = rest.join(':');
    const parsedRole = role.safeParse(userRole);
    if (!name || !parsedRole.success || !isPasswordHash(passwordHash)) {
      throw new AuthConfigError(
        `LOOKOUT_USERS entry "${name ?? ''}:…" must be name:role:hash with role viewer|operator|admin and a hash printed by \`lookout user:add\`.`,
      );
    }
    return { name, role: parsedRole.data, passwordHash };
  });
}

function parseTokens(value: string | undefined): ConfiguredToken[] {
  return list(value).map((entry) => {
    const separator = entry.indexOf(':');
    const parsedRole = role.safeParse(entry.slice(0, separator));
    const token = entry.slice(separator + 1);
    if (separator < 0 || !parsedRole.success || token.length < 16) {
      throw new AuthConfigError('LOOKOUT_API_TOKENS entries must be role:token with role viewer|operator|admin and a token of at least 16 characters.');
    }
    return { role: parsedRole.data, token };
  });
}

function parseRoleMap(value: string | undefined): { match: string; role: Role }[] {
  return list(value).map((entry) => {
    const [match, mappedRole] = entry.split('=');
    const parsedRole = role.safeParse(mappedRole);
    if (!match || !parsedRole.success) throw new AuthConfigError('LOOKOUT_OAUTH_ROLES entries must be email=role or @domain=role.');
    return { match: match.toLowerCase(), role: parsedRole.data };
  });
}

export function readAuthSettings(env: Record<string, string | undefined> = process.env): AuthSettings {
  const github =
    env.LOOKOUT_GITHUB_CLIENT_ID && env.LOOKOUT_GITHUB_CLIENT_SECRET
      ? { clientId: env.LOOKOUT_GITHUB_CLIENT_ID, clientSecret: env.LOOKOUT_GITHUB_CLIENT_SECRET }
      : null;
  const oidc =
    env.LOOKOUT_OIDC_ISSUER && env.LOOKOUT_OIDC_CLIENT_ID && env.LOOKOUT_OIDC_CLIENT_SECRET
      ? { issuer: env.LOOKOUT_OIDC_ISSUER, clientId: env.LOOKOUT_OIDC_CLIENT_ID, clientSecret: env.LOOKOUT_OIDC_CLIENT_SECRET, name: env.LOOKOUT_OIDC_NAME ?? 'Single sign-on' }
      : null;
  const defaultRole = role.safeParse(env.LOOKOUT_OAUTH_DEFAULT_ROLE ?? 'viewer');
  if (!defaultRole.success) throw new AuthConfigError('LOOKOUT_OAUTH_DEFAULT_ROLE must be viewer, operator or admin.');
  return {
    disabled: env.LOOKOUT_AUTH === 'none',
    users: parseUsers(env.LOOKOUT_USERS),
    tokens: parseTokens(env.LOOKOUT_API_TOKENS),
    oauth: { github, oidc, allow: list(env.LOOKOUT_OAUTH_ALLOW).map((item) => item.toLowerCase()), roles: parseRoleMap(env.LOOKOUT_OAUTH_ROLES), defaultRole: defaultRole.data },
    secret: env.NEXTAUTH_SECRET || null,
    allowUnauthenticatedNetwork: env.LOOKOUT_ALLOW_UNAUTHENTICATED_NETWORK === '1',
  };
}

export function hasLogin(settings: AuthSettings): boolean {
  return settings.users.length > 0 || settings.oauth.github !== null || settings.oauth.oidc !== null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
export function isLoopback(hostname: string): boolean {
  return LOOPBACK.has(hostname) || hostname.startsWith('127.');
}

/**
 * Why the web process must not start with these settings, or null when it may. Production never runs open:
 * no login, no tokens and no LOOKOUT_AUTH=none is refused; LOOKOUT_AUTH=none is refused beyond loopback
 * unless LOOKOUT_ALLOW_UNAUTHENTICATED_NETWORK=1 says so explicitly.
 */
export function startupProblem(settings: AuthSettings, hostname: string): string | null {
  if (settings.disabled) {
    if (isLoopback(hostname) || settings.allowUnauthenticatedNetwork) return null;
    return `LOOKOUT_AUTH=none only serves the loopback interface, but HOSTNAME is ${hostname}. Configure users or tokens, or set LOOKOUT_ALLOW_UNAUTHENTICATED_NETWORK=1 if you really mean it.`;
  }
  if (!hasLogin(settings) && settings.tokens.length === 0) {
    return 'No authentication is configured. Add users (LOOKOUT_USERS, hashes from `lookout user:add`), an OAuth provider or LOOKOUT_API_TOKENS, or run locally with LOOKOUT_AUTH=none (see README "Access control").';
  }
  if (hasLogin(settings) && !settings.secret) {
    return 'NEXTAUTH_SECRET must be set to sign login sessions (for example `openssl rand -base64 32`).';
  }
  return null;
}
