import { describe, expect, it } from 'vitest';
import { readConfig } from './env';
import { settingsFromConfigFile } from './file-settings';

describe('settings from lookout.config.json', () => {
  const file = {
    jobs: './jobs.ts',
    supervisors: [],
    REDIS_URL: 'redis://redis.internal:6380',
    LOOKOUT_PREFIXES: ['bull', '{orders}'],
    PORT: 4000,
    LOOKOUT_ALERT_RULES: { QueueLengthWarning: { threshold: 50 } },
    LOOKOUT_ALLOW_UNAUTHENTICATED_NETWORK: false,
  };

  it('writes each setting as its environment variable expects, and leaves the runtime keys alone', () => {
    expect(settingsFromConfigFile(file, {})).toEqual({
      REDIS_URL: 'redis://redis.internal:6380',
      LOOKOUT_PREFIXES: 'bull,{orders}',
      PORT: '4000',
      LOOKOUT_ALERT_RULES: '{"QueueLengthWarning":{"threshold":50}}',
    });
    const config = readConfig(settingsFromConfigFile(file, {}));
    expect(config).toMatchObject({ REDIS_URL: 'redis://redis.internal:6380', LOOKOUT_PREFIXES: ['bull', '{orders}'], PORT: 4000 });
  });

  it('lets the environment win', () => {
    expect(settingsFromConfigFile(file, { REDIS_URL: 'redis://from-env:6380', PORT: '' })).not.toHaveProperty('REDIS_URL');
    expect(settingsFromConfigFile(file, { PORT: '' })).toHaveProperty('PORT', '4000');
  });

  it('refuses an unknown setting and a value of the wrong shape', () => {
    expect(() => settingsFromConfigFile({ REDIS_ULR: 'redis://x' }, {})).toThrow(/unknown setting "REDIS_ULR"/);
    expect(() => settingsFromConfigFile({ PORT: { value: 1 } }, {})).toThrow(/PORT must be a string or a number/);
    expect(() => settingsFromConfigFile({ LOOKOUT_PREFIXES: [1, 2] }, {})).toThrow(/LOOKOUT_PREFIXES must be a string or a list of strings/);
  });
});
