import { describe, expect, it } from 'vitest';
import { workerClientName } from '../redis';
import { countWorkers } from './summaries';

describe('countWorkers', () => {
  const emails = { prefix: 'bull', name: 'emails' };
  const images = { prefix: 'bull', name: 'images' };
  const client = (id: number, name: string) => `id=${id} addr=127.0.0.1:${5000 + id} name=${name} age=3`;
  const list = [
    client(1, workerClientName('bull', 'emails')),
    client(2, `${workerClientName('bull', 'emails')}:w:reporter`),
    client(3, `${workerClientName('bull', 'emails')}:w:lookout-fresh`),
    client(4, `${workerClientName('bull', 'emails')}:w:lookout-hung`),
    client(5, `${workerClientName('bull', 'images')}:w:lookout-hung`),
    client(6, 'some-other-app'),
  ].join('\n');

  it('counts every BullMQ worker connection of a queue', () => {
    const counts = countWorkers([list], [emails, images]);
    expect(counts.get(emails)).toBe(4);
    expect(counts.get(images)).toBe(1);
  });

  it("counts a runtime worker's connection only while its heartbeat is fresh", () => {
    const counts = countWorkers([list], [emails, images], new Set(['fresh']));
    expect(counts.get(emails)).toBe(3);
    expect(counts.get(images)).toBe(0);
  });

  it('takes the node with most workers of a queue on a cluster, not the sum', () => {
    const other = [client(7, workerClientName('bull', 'emails'))].join('\n');
    expect(countWorkers([list, other], [emails], new Set(['fresh'])).get(emails)).toBe(3);
  });
});
