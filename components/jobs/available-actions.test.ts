import { describe, expect, it } from 'vitest';
import { availableActions, bulkActionsFor } from './available-actions';

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

describe('bulkActionsFor', () => {
  it.each([
    ['failed', ['retry', 'delete']],
    ['completed', ['retry', 'delete']],
    ['delayed', ['promote', 'delete']],
    ['prioritized', ['delete']],
    ['waiting', ['delete']],
    ['waiting-children', []],
    ['active', []],
  ] as const)('%s → %j', (state, actions) => {
    expect(bulkActionsFor(state)).toEqual(actions);
  });
});
