import { describe, expect, it } from 'vitest';
import { chainFlow } from './chain-flow';

const spec = (name: string) => ({ name, queue: 'q', data: { name }, opts: { attempts: 2, deduplication: { id: name } } });

describe('chainFlow', () => {
  it('nests each job under the one after it, so the first runs first and a failure stops the rest', () => {
    const flow = chainFlow([spec('a'), spec('b'), spec('c')], 'bull');
    expect(flow).toMatchObject({ name: 'c', opts: { attempts: 2 }, children: [{ name: 'b', opts: { failParentOnFailure: true }, children: [{ name: 'a', opts: { failParentOnFailure: true } }] }] });
    expect(JSON.stringify(flow)).not.toContain('deduplication');
  });
});
