import type { AuthOptions, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GithubProvider from 'next-auth/providers/github';
import type { Provider } from 'next-auth/providers/index';
import { getRedis } from '../redis';
import { clientIp, isLoginBlocked, recordLoginFailure } from './login-limiter';
import { roleForOAuthEmail } from './oauth-roles';
import { verifyPassword } from './passwords';
import type { Role } from './roles';
import { readAuthSettings, type AuthSettings } from './settings';

// Verifying against a fixed hash when the user does not exist keeps response times alike for both cases.
const UNKNOWN_USER_HASH = 'scrypt$16384$8$1$bG9va291dC1kdW1teQ==$9b0Cq9u1Xc9pN8m7dO5Y0o3M1XhV8Jq0t6A2b4c6d8E=';

type LookoutUser = User & { role?: Role };

function credentialsProvider(settings: AuthSettings): Provider {
  return CredentialsProvider({
    id: 'credentials',
    name: 'Password',
    credentials: { username: { label: 'User', type: 'text' }, password: { label: 'Password', type: 'password' } },
    async authorize(credentials, request) {
      const username = (credentials?.username ?? '').slice(0, 200);
      const password = (credentials?.password ?? '').slice(0, 1000);
      const ip = clientIp(request.headers ?? {});
      const redis = await getRedis();
      if (await isLoginBlocked(redis, ip, username)) throw new Error('TooManyAttempts');
      const user = settings.users.find((candidate) => candidate.name === username);
      const valid = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
      if (!user || !valid) {
        await recordLoginFailure(redis, ip, username);
        return null;
      }
      return { id: user.name, name: user.name, role: user.role } satisfies LookoutUser;
    },
  });
}

function oidcProvider(oidc: NonNullable<AuthSettings['oauth']['oidc']>): Provider {
  return {
    id: 'oidc',
    name: oidc.name,
    type: 'oauth',
    wellKnown: `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state'],
    profile(profile: { sub: string; name?: string; email?: string }) {
      return { id: profile.sub, name: profile.name ?? profile.email ?? profile.sub, email: profile.email ?? null };
    },
  };
}

/** next-auth configuration built from the environment: password users, GitHub and generic OIDC when configured. */
export function buildAuthOptions(settings: AuthSettings = readAuthSettings()): AuthOptions {
  const providers: Provider[] = [];
  if (settings.users.length) providers.push(credentialsProvider(settings));
  if (settings.oauth.github) providers.push(GithubProvider(settings.oauth.github));
  if (settings.oauth.oidc) providers.push(oidcProvider(settings.oauth.oidc));
  return {
    providers,
    secret: settings.secret ?? undefined,
    session: { strategy: 'jwt', maxAge: 12 * 3600 },
    pages: { signIn: '/login', error: '/login' },
    callbacks: {
      signIn({ user, account }) {
        if (account?.provider === 'credentials') return true;
        return roleForOAuthEmail(user.email, settings.oauth) !== null;
      },
      jwt({ token, user, account }) {
        if (user) {
          const role = account?.provider === 'credentials' ? (user as LookoutUser).role : roleForOAuthEmail(user.email, settings.oauth);
          token.role = role ?? undefined;
          token.name = user.name ?? user.email ?? token.name;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, name: token.name, role: token.role } };
      },
    },
  };
}
