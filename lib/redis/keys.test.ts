import { describe, expect, it } from 'vitest';
import { discoveryPattern, escapeGlob, hashedPart, JOB_CHILDREN_SUFFIX, jobChildrenKey, parseJobKey, lookoutKey, lookoutKeyPattern, lookoutShardKey, queueHashTag, queueNameFromDiscoveryKey, workerClientName } from './keys';

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

describe('cluster hash slots', () => {
  it('hashes the first non-empty {tag}, as Redis Cluster does', () => {
    expect(hashedPart('{bull}:emails:wait')).toBe('bull');
    expect(hashedPart('bull:{emails}:wait')).toBe('emails');
    expect(hashedPart('{}:emails:wait')).toBe('{}:emails:wait');
    expect(hashedPart('bull:emails:wait')).toBe('bull:emails:wait');
    expect(hashedPart('a{b}c{d}')).toBe('b');
  });

  it('tells which queues keep all their keys in one slot', () => {
    expect(queueHashTag('{bull}', 'emails')).toBe('bull');
    expect(queueHashTag('bull', '{emails}')).toBe('emails');
    expect(queueHashTag('bull', 'emails')).toBeNull();
    // A brace closed only by a job id or suffix does not tag the queue's other keys.
    expect(queueHashTag('bull', 'a{b')).toBeNull();
  });

  it('puts all of Lookout\'s own keys in one slot per namespace, and shards in slots of their own', () => {
    expect(lookoutKey('lookout', 'alerts', 'state')).toBe('{lookout}:alerts:state');
    expect(hashedPart(lookoutKey('lookout', 'auth', 'fail', 'ip', '10.0.0.1'))).toBe(hashedPart(lookoutKey('lookout', 'audit')));
    expect(lookoutShardKey('lookout', 'metrics:emails', 'm')).toBe('{lookout:metrics:emails}:m');
    expect(hashedPart(lookoutShardKey('lookout', 'metrics:emails', 'm'))).toBe('lookout:metrics:emails');
    expect(lookoutShardKey('lookout', 'metrics:{bull}:50%')).toBe('{lookout:metrics:{bull%7D:50%25}');
    expect(lookoutKeyPattern('t-a*')).toBe('{t-a\\*[}:]*');
  });
});

describe('job keys', () => {
  it('reads prefix, queue and id back from a job key, preferring a known prefix', () => {
    expect(parseJobKey('bull:emails:42')).toEqual({ prefix: 'bull', queue: 'emails', id: '42' });
    expect(parseJobKey('{bull}:a:b c:7', ['{bull}'])).toEqual({ prefix: '{bull}', queue: 'a:b c', id: '7' });
    expect(parseJobKey('my:app:reports:x-1', ['my:app'])).toEqual({ prefix: 'my:app', queue: 'reports', id: 'x-1' });
  });

  it('answers null for something that is not a job key', () => {
    expect(parseJobKey('nocolons')).toBeNull();
    expect(parseJobKey('bull:emails:')).toBeNull();
    expect(parseJobKey('emails:1')).toBeNull();
  });

  it('builds the keys BullMQ keeps for a parent job', () => {
    expect(jobChildrenKey('bull', 'reports', 'p1', JOB_CHILDREN_SUFFIX.pending)).toBe('bull:reports:p1:dependencies');
  });
});
