import { createHash } from 'node:crypto';

/** What identifies "the same failure": error class, message with variable parts replaced, and where it was thrown. */
export interface FailureSignature {
  /** `TypeError`, `Error`, a custom class; null when the job has no stack trace to read it from. */
  errorClass: string | null;
  /** The message with uuids, hex, numbers and ids replaced by placeholders. */
  pattern: string;
  /** The first `at …` line of the newest stack trace, trimmed; null without a stack trace. */
  topFrame: string | null;
}

const MAX_PATTERN_CHARS = 500;

const REPLACEMENTS: readonly [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  // Object ids, hashes, request ids: long hex runs with at least one digit.
  [/\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '<hex>'],
  [/\b\d+(?:\.\d+)?\b/g, '<n>'],
  // What is left with a digit inside a word is an id such as `user101` or `ord_8f3k`.
  [/[A-Za-z_][\w-]*\d[\w-]*|\d[\w-]*[A-Za-z_][\w-]*/g, '<id>'],
];

/** Replaces the parts of an error message that vary between occurrences of the same failure. */
export function normalizeMessage(message: string): string {
  let pattern = message.trim();
  for (const [expression, placeholder] of REPLACEMENTS) pattern = pattern.replace(expression, placeholder);
  return pattern.replace(/\s+/g, ' ').slice(0, MAX_PATTERN_CHARS);
}

const CLASS_LINE = /^([A-Za-z_$][\w$.]*)(?: \[[^\]]*\])?:/;

/** Reads the class and throw site from a stack trace (`TypeError: …\n    at fn (file:1:2)`). */
export function parseStack(stack: string | null | undefined): { errorClass: string | null; topFrame: string | null } {
  if (!stack) return { errorClass: null, topFrame: null };
  const lines = stack.split('\n');
  const errorClass = CLASS_LINE.exec(lines[0]?.trim() ?? '')?.[1] ?? null;
  const frame = lines.find((line) => /^\s*at /.test(line));
  return { errorClass, topFrame: frame ? frame.trim() : null };
}

export function failureSignature(failedReason: string | null, newestStack: string | null): FailureSignature {
  return { ...parseStack(newestStack), pattern: normalizeMessage(failedReason ?? '') };
}

/** A short stable id for a signature, used in URLs and as the `group` of a bulk retry. */
export function fingerprintOf(signature: FailureSignature): string {
  const text = [signature.errorClass ?? '', signature.pattern, signature.topFrame ?? ''].join('\n');
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}
