import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAuthSettings, verifyPassword } from '../../lib/auth';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'lookout.mjs');

describe('lookout user:add (real binary)', () => {
  it('prints exactly one LOOKOUT_USERS entry whose hash verifies the piped password', async () => {
    const result = spawnSync(process.execPath, [BIN, 'user:add', 'alice', '--role=operator'], { input: 'correct horse battery\n', encoding: 'utf8' });
    expect(result.status).toBe(0);
    const line = result.stdout.trim();
    expect(line.split('\n')).toHaveLength(1);
    const [user] = readAuthSettings({ LOOKOUT_USERS: line }).users;
    expect(user).toMatchObject({ name: 'alice', role: 'operator' });
    expect(await verifyPassword('correct horse battery', user?.passwordHash ?? '')).toBe(true);
  });

  it('refuses a short password and a bad role', () => {
    expect(spawnSync(process.execPath, [BIN, 'user:add', 'bob'], { input: 'short\n', encoding: 'utf8' }).status).toBe(2);
    expect(spawnSync(process.execPath, [BIN, 'user:add', 'bob', '--role=root'], { input: 'long enough password\n', encoding: 'utf8' }).status).toBe(2);
  });
});
