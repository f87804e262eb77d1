import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { failureSignature, fingerprintOf } from '../failures';
import { caseInsensitivePattern, compileFilter, dataLiteral, matchesData, matchesGroup, prefilterOf, scoreRange, verifierOf } from './match';
import { isFiltered, parseSearchTerm } from './query';

const dataTerm = (q: string) => {
  const term = parseSearchTerm(q);
  if (term.kind !== 'data') throw new Error(`${q} is not a data term`);
  return term;
};

describe('parseSearchTerm', () => {
  it('reads plain text and data terms', () => {
    expect(parseSearchTerm('  Card Declined ')).toEqual({ kind: 'text', text: 'Card Declined', lower: 'card declined' });
    expect(parseSearchTerm('data.userId=42')).toEqual({ kind: 'data', path: ['userId'], value: '42', quoted: false });
    expect(parseSearchTerm('data.user.email = ann@example.com')).toEqual({ kind: 'data', path: ['user', 'email'], value: 'ann@example.com', quoted: false });
    expect(parseSearchTerm('data.code="42"')).toEqual({ kind: 'data', path: ['code'], value: '42', quoted: true });
    expect(parseSearchTerm('data.note=a=b')).toEqual({ kind: 'data', path: ['note'], value: 'a=b', quoted: false });
  });

  it('treats text that only looks like a term as text, and refuses an empty path segment', () => {
    expect(parseSearchTerm('metadata.x=1').kind).toBe('text');
    expect(parseSearchTerm('data.=1').kind).toBe('text');
    expect(() => parseSearchTerm('data.user..id=1')).toThrow(AppError);
  });
});

describe('matchesData', () => {
  const raw = JSON.stringify({ userId: 42, code: '42', user: { email: 'ann@example.com', vip: true }, items: [{ sku: 'A-1' }], nothing: null });

  it.each([
    ['data.userId=42', true],
    ['data.userId=42.0', true],
    ['data.userId=43', false],
    ['data.code=42', true],
    ['data.code="42"', true],
    ['data.userId="42"', false],
    ['data.user.email=ann@example.com', true],
    ['data.user.email=ANN@example.com', false],
    ['data.user.vip=true', true],
    ['data.items.0.sku=A-1', true],
    ['data.nothing=null', true],
    ['data.user=ann@example.com', false],
    ['data.missing=1', false],
    ['data.constructor=Object', false],
  ])('%s → %s', (q, expected) => {
    expect(matchesData(raw, dataTerm(q))).toBe(expected);
  });

  it('never matches damaged or missing data', () => {
    expect(matchesData('{"userId": 42', dataTerm('data.userId=42'))).toBe(false);
    expect(matchesData(null, dataTerm('data.userId=42'))).toBe(false);
  });
});

describe('dataLiteral', () => {
  it('is the value when any matching raw JSON must contain it verbatim', () => {
    expect(dataLiteral(dataTerm('data.email=ann@example.com'))).toBe('ann@example.com');
    expect(dataLiteral(dataTerm('data.userId=42'))).toBe('42');
    expect(dataLiteral(dataTerm('data.code="A-1"'))).toBe('A-1');
  });

  it('is null when JSON may write the value another way', () => {
    expect(dataLiteral(dataTerm('data.userId=42.0'))).toBeNull();
    expect(dataLiteral(dataTerm('data.name=Ann Lee'))).toBeNull();
    expect(dataLiteral(dataTerm('data.path=a/b'))).toBeNull();
  });
});

describe('compileFilter', () => {
  const now = 1_000_000;

  it('turns an age range into time bounds, a score range for finished states only', () => {
    const failed = compileFilter({ state: 'failed', olderThanMs: 1000, newerThanMs: 5000 }, now);
    expect(failed).toMatchObject({ minTime: now - 5000, maxTime: now - 1000 });
    expect(scoreRange(failed)).toEqual({ min: String(now - 5000), max: String(now - 1000) });
    expect(prefilterOf(failed)).toMatchObject({ minCreated: '', maxCreated: '' });

    const waiting = compileFilter({ state: 'waiting', olderThanMs: 1000 }, now);
    expect(scoreRange(waiting)).toBeNull();
    expect(prefilterOf(waiting)).toMatchObject({ minCreated: '', maxCreated: String(now - 1000) });
  });

  it('refuses a group outside the failed state and an empty age range', () => {
    expect(() => compileFilter({ state: 'waiting', group: '0123456789abcdef' }, now)).toThrow(/failed jobs/);
    expect(() => compileFilter({ state: 'failed', olderThanMs: 5000, newerThanMs: 1000 }, now)).toThrow(/no job can be both/);
  });

  it('knows when a query filters at all', () => {
    expect(isFiltered({ q: '   ' })).toBe(false);
    expect(isFiltered({ q: 'x' })).toBe(true);
    expect(isFiltered({ olderThanMs: 0 })).toBe(true);
  });

  it('prefilters text with a Lua pattern that ignores the case of ASCII letters and escapes magic characters', () => {
    expect(caseInsensitivePattern('Ärger 5%-x.')).toBe('Ä[rR][gG][eE][rR] 5%%%-[xX]%.');
    expect(prefilterOf(compileFilter({ state: 'failed', q: 'Card' }, now))).toMatchObject({ textPattern: '[cC][aA][rR][dD]', id: 'Card', literal: '' });
    expect(prefilterOf(compileFilter({ state: 'failed', q: 'data.userId=7' }, now))).toMatchObject({ textPattern: '', literal: '7' });
  });
});

describe('verifierOf', () => {
  const stack = 'Error: card declined for order 1\n    at charge (/app/pay.js:1:1)';
  const group = fingerprintOf(failureSignature('card declined for order 1', stack));

  it('checks data terms and failure groups in Node, and nothing else', () => {
    expect(verifierOf(compileFilter({ state: 'failed', q: 'card' }, 0))).toBeNull();
    const verifier = verifierOf(compileFilter({ state: 'failed', q: 'data.order=2', group }, 0));
    expect(verifier?.fields).toEqual(['data', 'failedReason', 'stacktrace']);
    const stacktrace = JSON.stringify([stack]);
    expect(verifier?.matches({ data: '{"order":2}', failedReason: 'card declined for order 2', stacktrace })).toBe(true);
    expect(verifier?.matches({ data: '{"order":3}', failedReason: 'card declined for order 2', stacktrace })).toBe(false);
    expect(matchesGroup('card expired', stacktrace, group)).toBe(false);
  });
});
