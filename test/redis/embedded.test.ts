import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisNotInstalledError, startRedisServer } from '../../lib/redis';

const dir = mkdtempSync(join(tmpdir(), 'lookout-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('embedded redis-server', () => {
  it('starts on a free port, keeps its data in the given folder, and stops', async () => {
    const server = await startRedisServer({ dir, persist: true });
    expect(server.port).not.toBe(6379);
    const client = new Redis(server.url);
    await client.set('k', 'v');
    expect(await client.config('GET', 'dir')).toEqual(['dir', dir]);
    client.disconnect();
    await server.stop();
    const after = new Redis(server.url, { retryStrategy: () => null, lazyConnect: true });
    after.on('error', () => undefined);
    await expect(after.connect()).rejects.toThrow(/ECONNREFUSED|Connection is closed/);
  });

  it('restarts on the same port with its data (AOF)', async () => {
    const first = await startRedisServer({ dir, persist: true });
    const client = new Redis(first.url);
    await client.set('survives', 'yes');
    client.disconnect();
    await first.stop();
    const second = await startRedisServer({ dir, persist: true, port: first.port });
    const again = new Redis(second.url);
    expect(await again.get('survives')).toBe('yes');
    again.disconnect();
    await second.stop();
  });

  it('explains how to install Redis when the binary is missing', async () => {
    const attempt = startRedisServer({ dir, binary: 'redis-server-that-does-not-exist' });
    await expect(attempt).rejects.toBeInstanceOf(RedisNotInstalledError);
    await expect(attempt).rejects.toThrow(/apt-get install -y redis-server.*brew install redis.*REDIS_URL/s);
  });
});
