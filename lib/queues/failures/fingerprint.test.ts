import { describe, expect, it } from 'vitest';
import { failureSignature, fingerprintOf, normalizeMessage, parseStack } from './fingerprint';

const stack = (head: string, frame = 'at syncAccount (/app/jobs/sync.js:42:11)') => `${head}\n    ${frame}\n    at Worker.callProcessJob (/app/node_modules/bullmq/dist/cjs/classes/worker.js:1:2)`;
const fingerprint = (message: string, head = `Error: ${message}`, frame?: string) => fingerprintOf(failureSignature(message, stack(head, frame)));

describe('normalizeMessage', () => {
  it.each([
    ['Partner API answered 503 for account 101', 'Partner API answered <n> for account <n>'],
    ['order 3f2a9c1e-8b7d-4c6e-9f0a-1b2c3d4e5f60 not found', 'order <uuid> not found'],
    ['document 64b7f0c2e4b0a1d2c3e4f5a6 is locked', 'document <hex> is locked'],
    ['bad pointer 0xdeadBEEF', 'bad pointer <hex>'],
    ['no mailbox for user101@example.com', 'no mailbox for <id>@example.com'],
    ['timeout after 30.5 s on ord_8f3k', 'timeout after <n> s on <id>'],
    ["Cannot read properties of undefined (reading 'items')", "Cannot read properties of undefined (reading 'items')"],
  ])('%s → %s', (message, pattern) => {
    expect(normalizeMessage(message)).toBe(pattern);
  });
});

describe('parseStack', () => {
  it('reads the class and the first frame', () => {
    expect(parseStack(stack("TypeError: Cannot read properties of undefined (reading 'items')"))).toEqual({
      errorClass: 'TypeError',
      topFrame: 'at syncAccount (/app/jobs/sync.js:42:11)',
    });
    expect(parseStack('ValidationError [ERR_X]: bad input\n    at f (a.js:1:1)').errorClass).toBe('ValidationError');
  });

  it('copes with missing or odd stacks', () => {
    expect(parseStack(null)).toEqual({ errorClass: null, topFrame: null });
    expect(parseStack('just a line')).toEqual({ errorClass: null, topFrame: null });
  });
});

describe('fingerprintOf', () => {
  it('groups messages that differ only in ids, numbers, uuids and hex', () => {
    expect(fingerprint('Partner API answered 503 for account 101')).toBe(fingerprint('Partner API answered 500 for account 404'));
    expect(fingerprint('order 3f2a9c1e-8b7d-4c6e-9f0a-1b2c3d4e5f60 not found')).toBe(fingerprint('order 00000000-1111-4222-8333-444444444444 not found'));
    expect(fingerprint('document 64b7f0c2e4b0a1d2c3e4f5a6 is locked')).toBe(fingerprint('document 64b7f0c2e4b0a1d2c3e4ffff is locked'));
    expect(fingerprint('no mailbox for user101@example.com')).toBe(fingerprint('no mailbox for user7@example.com'));
  });

  it('keeps different errors apart', () => {
    const base = fingerprint('Partner API answered 503 for account 101');
    expect(fingerprint('Partner API timed out for account 101')).not.toBe(base);
    expect(fingerprint('Partner API answered 503 for account 101', 'TypeError: Partner API answered 503 for account 101')).not.toBe(base);
    expect(fingerprint('Partner API answered 503 for account 101', undefined, 'at other (/app/jobs/other.js:7:1)')).not.toBe(base);
    expect(fingerprint('card declined')).not.toBe(fingerprint('card expired'));
  });

  it('is a short stable hex id', () => {
    const id = fingerprint('card declined');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint('card declined')).toBe(id);
  });
});
