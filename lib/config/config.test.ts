import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readConfig } from '.';

describe('readConfig', () => {
  it('applies the documented defaults', () => {
    expect(readConfig({})).toEqual({ LOOKOUT_PREFIXES: ['bull'], PORT: 3000, HOSTNAME: '127.0.0.1', LOOKOUT_HEARTBEAT_INTERVAL_MS: 5000, LOOKOUT_NAMESPACE: 'lookout', LOOKOUT_MONITOR_INTERVAL_MS: 5000, LOOKOUT_METRICS_RETENTION_1M_HOURS: 48, LOOKOUT_METRICS_RETENTION_15M_DAYS: 30 });
  });

  it('splits prefixes and coerces the port', () => {
    expect(readConfig({ LOOKOUT_PREFIXES: ' bull, {app} ,', PORT: '8080', HOSTNAME: '0.0.0.0' })).toMatchObject({
      LOOKOUT_PREFIXES: ['bull', '{app}'],
      PORT: 8080,
      HOSTNAME: '0.0.0.0',
    });
  });

  it('ignores the HOSTNAME a container exports as the machine name', () => {
    expect(readConfig({ HOSTNAME: hostname() }).HOSTNAME).toBe('127.0.0.1');
  });

  it('accepts LOOKOUT_KEY_PREFIX, the old name of LOOKOUT_NAMESPACE, and refuses the two disagreeing', () => {
    expect(readConfig({ LOOKOUT_KEY_PREFIX: 'old' }).LOOKOUT_NAMESPACE).toBe('old');
    expect(readConfig({ LOOKOUT_NAMESPACE: 'new', LOOKOUT_KEY_PREFIX: 'new' }).LOOKOUT_NAMESPACE).toBe('new');
    expect(() => readConfig({ LOOKOUT_NAMESPACE: 'new', LOOKOUT_KEY_PREFIX: 'old' })).toThrow(/LOOKOUT_KEY_PREFIX/);
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
  });
});
