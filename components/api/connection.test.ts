import { describe, expect, it } from 'vitest';
import { withConnection } from './connection';

describe('withConnection', () => {
  it('adds the connection to paths with and without a query, and leaves the default alone', () => {
    expect(withConnection('/api/queues', 'staging')).toBe('/api/queues?connection=staging');
    expect(withConnection('/queues/a%20b?prefix=%7Bbull%7D&state=failed', 'prod eu')).toBe('/queues/a%20b?prefix=%7Bbull%7D&state=failed&connection=prod+eu');
    expect(withConnection('/queues/x?connection=old', 'new')).toBe('/queues/x?connection=new');
    expect(withConnection('/api/queues', undefined)).toBe('/api/queues');
  });
});
