import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './signature';

describe('webhook signatures', () => {
  const body = '{"status":"firing"}';
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('signs "<t>.<body>" with HMAC-SHA256, as documented', () => {
    const header = signBody('s3cret', body, now);
    const t = now / 1000;
    expect(header).toBe(`t=${t},v1=${createHmac('sha256', 's3cret').update(`${t}.${body}`).digest('hex')}`);
    expect(verifySignature(header, body, 's3cret', { nowMs: now + 10_000 })).toEqual({ ok: true, timestamp: t });
  });

  it('rejects another secret, a changed body, a replay with an old timestamp and garbage', () => {
    const header = signBody('s3cret', body, now);
    expect(verifySignature(header, body, 'other', { nowMs: now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(header, `${body} `, 's3cret', { nowMs: now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(header, body, 's3cret', { nowMs: now + 301_000 })).toEqual({ ok: false, reason: 'expired' });
    expect(verifySignature('t=1,v1=zz', body, 's3cret')).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature(undefined, body, 's3cret')).toEqual({ ok: false, reason: 'malformed' });
  });
});

/** The receiver example from the README ("Verifying the signature"), kept word for word so it stays true. */
function verifyLookout(header: string, rawBody: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)) {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=')));
  const t = Number(parts.t);
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false; // forged or altered
  return Math.abs(nowSeconds - t) <= 300; // older than 5 minutes: a replay
}

describe('the README receiver example', () => {
  it('accepts a fresh signature and refuses an altered body or an old timestamp', () => {
    const header = signBody('s3cret', '{"a":1}');
    expect(verifyLookout(header, '{"a":1}', 's3cret')).toBe(true);
    expect(verifyLookout(header, '{"a":2}', 's3cret')).toBe(false);
    expect(verifyLookout(header, '{"a":1}', 's3cret', Math.floor(Date.now() / 1000) + 400)).toBe(false);
  });
});
