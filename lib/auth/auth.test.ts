import { describe, expect, it } from 'vitest';
import { isCrossSiteMutation } from './csrf';
import { roleForOAuthEmail } from './oauth-roles';
import { hashPassword, verifyPassword } from './passwords';
import { readAuthSettings, startupProblem } from './settings';
import { matchApiToken } from './tokens';

describe('passwords', () => {
  it('verifies the right password against its scrypt hash and nothing else', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('anything', 'plaintext')).toBe(false);
  });
});

describe('API tokens', () => {
  const tokens = [
    { role: 'viewer' as const, token: 'viewer-token-0123456789' },
    { role: 'operator' as const, token: 'operator-token-0123456789' },
  ];
  it('matches a configured token to its role and names it without the secret', () => {
    const actor = matchApiToken('operator-token-0123456789', tokens);
    expect(actor).toMatchObject({ role: 'operator', via: 'token' });
    expect(actor?.name).toMatch(/^token:operator:[0-9a-f]{8}$/);
  });
  it('rejects unknown tokens and prefixes of real ones', () => {
    expect(matchApiToken('operator-token', tokens)).toBeNull();
    expect(matchApiToken('', tokens)).toBeNull();
  });
});

describe('settings', () => {
  it('parses users, tokens and OAuth role mapping from the environment', async () => {
    const hash = await hashPassword('password1');
    const settings = readAuthSettings({
      LOOKOUT_USERS: `alice:admin:${hash}, bob:viewer:${hash}`,
      LOOKOUT_API_TOKENS: 'operator:abcdefghijklmnop',
      LOOKOUT_OAUTH_ALLOW: '@example.com,contractor@other.org',
      LOOKOUT_OAUTH_ROLES: 'lead@example.com=admin,@example.com=operator',
    });
    expect(settings.users.map((user) => `${user.name}:${user.role}`)).toEqual(['alice:admin', 'bob:viewer']);
    expect(settings.tokens).toEqual([{ role: 'operator', token: 'abcdefghijklmnop' }]);
    expect(roleForOAuthEmail('Lead@Example.com', settings.oauth)).toBe('admin');
    expect(roleForOAuthEmail('dev@example.com', settings.oauth)).toBe('operator');
    expect(roleForOAuthEmail('contractor@other.org', settings.oauth)).toBe('viewer');
    expect(roleForOAuthEmail('someone@other.org', settings.oauth)).toBeNull();
  });

  it('refuses plaintext passwords and malformed tokens', () => {
    expect(() => readAuthSettings({ LOOKOUT_USERS: 'alice:admin:hunter2' })).toThrow(/user:add/);
    expect(() => readAuthSettings({ LOOKOUT_API_TOKENS: 'root:abcdefghijklmnop' })).toThrow(/role:token/);
    expect(() => readAuthSettings({ LOOKOUT_API_TOKENS: 'admin:short' })).toThrow(/16 characters/);
  });

  it('lets production start only with authentication, and LOOKOUT_AUTH=none only on loopback', () => {
    expect(startupProblem(readAuthSettings({}), '127.0.0.1')).toMatch(/No authentication is configured/);
    expect(startupProblem(readAuthSettings({ LOOKOUT_AUTH: 'none' }), '127.0.0.1')).toBeNull();
    expect(startupProblem(readAuthSettings({ LOOKOUT_AUTH: 'none' }), '0.0.0.0')).toMatch(/loopback/);
    expect(startupProblem(readAuthSettings({ LOOKOUT_AUTH: 'none', LOOKOUT_ALLOW_UNAUTHENTICATED_NETWORK: '1' }), '0.0.0.0')).toBeNull();
    expect(startupProblem(readAuthSettings({ LOOKOUT_API_TOKENS: 'admin:abcdefghijklmnop' }), '0.0.0.0')).toBeNull();
  });
});

describe('cross-site mutation check', () => {
  const post = (headers: Record<string, string>) => new Request('http://dash.example:3000/api/x', { method: 'POST', headers: { host: 'dash.example:3000', ...headers } });
  it('refuses a POST whose Origin is another site, accepts our own or none', () => {
    expect(isCrossSiteMutation(post({ origin: 'https://evil.example' }))).toBe(true);
    expect(isCrossSiteMutation(post({ origin: 'http://dash.example:3000' }))).toBe(false);
    expect(isCrossSiteMutation(post({ referer: 'https://evil.example/page' }))).toBe(true);
    expect(isCrossSiteMutation(post({}))).toBe(false);
    expect(isCrossSiteMutation(new Request('http://dash.example:3000/api/x', { headers: { origin: 'https://evil.example' } }))).toBe(false);
  });
});
