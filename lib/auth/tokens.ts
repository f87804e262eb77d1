import { createHash, timingSafeEqual } from 'node:crypto';
import type { Actor } from './roles';
import type { ConfiguredToken } from './settings';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Finds the configured token matching `presented`. Digests make every comparison the same length and
 * every configured token is compared, so timing reveals neither which token nor how much matched.
 */
export function matchApiToken(presented: string, tokens: readonly ConfiguredToken[]): Actor | null {
  const presentedDigest = digest(presented);
  let match: ConfiguredToken | null = null;
  for (const candidate of tokens) {
    if (timingSafeEqual(presentedDigest, digest(candidate.token)) && match === null) match = candidate;
  }
  if (!match) return null;
  // The audit log names a token by role and a short fingerprint, never by its secret.
  return { name: `token:${match.role}:${digest(match.token).toString('hex').slice(0, 8)}`, role: match.role, via: 'token' };
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return match?.[1] ?? null;
}
