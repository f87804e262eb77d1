import { describe, expect, it } from 'vitest';
import { parentOf } from './flows';

describe('parentOf', () => {
  it('reads the parent from parentKey, keeping a known prefix with colons whole', () => {
    expect(parentOf({ parentKey: 'bull:reports:lookout-batch-7' }, ['bull'])).toEqual({ prefix: 'bull', queue: 'reports', id: 'lookout-batch-7' });
    expect(parentOf({ parentKey: 'my:app:invoices:inv-1' }, ['my:app'])).toEqual({ prefix: 'my:app', queue: 'invoices', id: 'inv-1' });
  });

  it('falls back to the parent JSON other clients write', () => {
    expect(parentOf({ parent: JSON.stringify({ id: 'p1', queueKey: 'bull:orders' }) }, ['bull'])).toEqual({ prefix: 'bull', queue: 'orders', id: 'p1' });
  });

  it('answers null without a parent, or when the fields cannot be read', () => {
    expect(parentOf({}, ['bull'])).toBeNull();
    expect(parentOf({ parent: 'not json' }, ['bull'])).toBeNull();
    expect(parentOf({ parent: JSON.stringify({ id: 7 }) }, ['bull'])).toBeNull();
  });
});
