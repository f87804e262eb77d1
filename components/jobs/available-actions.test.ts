import { describe, expect, it } from 'vitest';
import { availableActions } from './available-actions';

describe('availableActions', () => {
  it.each([
    ['failed', ['retry', 'delete']],
    ['completed', ['retry', 'delete']],
    ['delayed', ['promote', 'delete']],
    ['waiting', ['delete']],
    ['active', []],
    ['unknown', ['delete']],
  ] as const)('%s → %j', (state, actions) => {
    expect(availableActions(state)).toEqual(actions);
  });
});
