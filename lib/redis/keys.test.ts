import { describe, expect, it } from 'vitest';
import { discoveryPattern, escapeGlob, queueNameFromDiscoveryKey, workerClientName } from './keys';

describe('queue discovery keys', () => {
  it('reads queue names, including ones with colons and spaces, back from meta and id keys', () => {
    expect(queueNameFromDiscoveryKey('bull', 'bull:emails:meta')).toBe('emails');
    expect(queueNameFromDiscoveryKey('bull', 'bull:a:b c:id')).toBe('a:b c');
    expect(queueNameFromDiscoveryKey('{bull}', '{bull}:ünïcode:meta')).toBe('ünïcode');
  });

  it('ignores keys that are not discovery keys', () => {
    expect(queueNameFromDiscoveryKey('bull', 'bull:emails:metrics:completed')).toBeNull();
    expect(queueNameFromDiscoveryKey('bull', 'other:emails:meta')).toBeNull();
    expect(queueNameFromDiscoveryKey('bull', 'bull::meta')).toBeNull();
  });

  it('escapes glob characters in prefixes', () => {
    expect(escapeGlob('a*b?[c]')).toBe('a\\*b\\?\\[c\\]');
    expect(discoveryPattern('{bull}')).toBe('{bull}:*:[mi][ed]*');
  });

  it('names worker connections the way BullMQ does', () => {
    expect(workerClientName('bull', 'probe')).toBe('bull:cHJvYmU=');
  });
});
