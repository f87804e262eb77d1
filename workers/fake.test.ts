import { AssertionError } from 'node:assert';
import { afterEach, describe, expect, it } from 'vitest';
import { defineJob } from './define-job';
import { batch, chain, dispatch, findBatch } from './dispatch/api';
import { fakeQueue, type FakeQueue } from './fake';

const sendEmail = defineJob({ name: 'send-email', queue: 'emails', handle: (_data: { to: string }) => undefined });
const resize = defineJob({ name: 'resize-image', queue: 'images', handle: (_data: { url: string }) => undefined });

let fake: FakeQueue;
afterEach(() => fake.restore());

describe('fakeQueue', () => {
  it('records dispatches instead of queueing them, and asserts on them', async () => {
    fake = fakeQueue();
    await dispatch(sendEmail, { to: 'ada@example.com' });
    await dispatch(sendEmail, { to: 'alan@example.com' }, { delay: 5000 });
    fake.assertDispatched(sendEmail);
    fake.assertDispatched(sendEmail, (data) => data.to === 'alan@example.com');
    fake.assertDispatched(sendEmail, (_data, entry) => entry.options.delay === 5000);
    fake.assertDispatchedTimes(sendEmail, 2);
    fake.assertNotDispatched(resize);
    fake.assertNotDispatched(sendEmail, (data) => data.to === 'grace@example.com');
  });

  it('fails assertions with a message that says what was dispatched', async () => {
    fake = fakeQueue();
    expect(() => fake.assertDispatched(sendEmail)).toThrow(AssertionError);
    fake.assertNothingDispatched();
    await dispatch(resize, { url: 'a.png' });
    expect(() => fake.assertDispatched(sendEmail)).toThrow('Expected "send-email" to be dispatched; dispatched: resize-image');
    expect(() => fake.assertDispatchedTimes(resize, 2)).toThrow('to be dispatched 2 time(s), but it was 1 time(s)');
    expect(() => fake.assertNotDispatched(resize)).toThrow(AssertionError);
  });

  it('records chains and batches job by job', async () => {
    fake = fakeQueue();
    await chain([resize.with({ url: 'a.png' }), sendEmail.with({ to: 'ada@example.com' })]).dispatch();
    const dispatched = await batch([resize.with({ url: 'b.png' }), resize.with({ url: 'c.png' })]).then(sendEmail, { to: 'ops@example.com' }).dispatch();
    fake.assertDispatchedTimes(resize, 3);
    expect(fake.dispatchesOf(resize, (_data, entry) => entry.via === 'batch')).toHaveLength(2);
    expect(await findBatch(dispatched.id)).toMatchObject({ total: 2, pending: 2, finished: false });
  });

  it('refuses to be awaited as a promise', async () => {
    fake = fakeQueue();
    // Laravel names the callbacks then/catch/finally; awaiting the builder by mistake must not hang.
    await expect(Promise.resolve().then(() => batch([]) as unknown as Promise<unknown>)).rejects.toThrow('is not a promise');
  });
});
