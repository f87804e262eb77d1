import { createHmac } from 'node:crypto';
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
