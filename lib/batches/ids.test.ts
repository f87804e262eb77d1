import { describe, expect, it } from 'vitest';
import { batchCallbackJobId, batchIdOf, batchJobId, batchOfMember } from './ids';

describe('batchIdOf', () => {
  const id = '0b9c1a52-7e0f-4c1e-9d43-2f8a8c1b7e11';

  it('finds the batch of a member through its parent job', () => {
    expect(batchIdOf({ id: '17', parent: { id: batchJobId(id) } })).toBe(id);
  });

  it('finds the batch of a callback job from its fixed id', () => {
    expect(batchIdOf({ id: batchCallbackJobId(id, 'finally') })).toBe(id);
    expect(batchIdOf({ id: batchCallbackJobId(id, 'then') })).toBe(id);
    // Callbacks are not members: a cancelled batch must still run its finally callback.
    expect(batchOfMember({ id: batchCallbackJobId(id, 'finally') })).toBeNull();
  });

  it('answers null for jobs outside batches, chain members included', () => {
    expect(batchIdOf({ id: '5' })).toBeNull();
    expect(batchIdOf({ id: '6', parent: { id: '7' } })).toBeNull();
  });
});
