'use client';

import { useState } from 'react';
import { formatCount, prettyJson } from '../format';

const PREVIEW_CHARS = 20_000;

/** Pretty-printed JSON as plain text (React escapes it), cut to a preview for huge payloads. */
export function JsonBlock({ value, testId, invalid }: { value: unknown; testId: string; invalid?: boolean }) {
  const [showAll, setShowAll] = useState(false);
  const { text, truncated, totalChars } = prettyJson(value, showAll ? Number.MAX_SAFE_INTEGER : PREVIEW_CHARS);
  return (
    <div>
      {invalid ? (
        <p className="mb-2 text-sm text-amber-700 dark:text-amber-300" data-testid={`${testId}-invalid`}>
          This field is not valid JSON; showing the raw text stored in Redis.
        </p>
      ) : null}
      <pre data-testid={testId} className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-100 p-3 font-mono text-xs dark:bg-slate-950">
        {text}
      </pre>
      {truncated ? (
        <button type="button" className="mt-2 text-sm text-sky-700 underline dark:text-sky-400" onClick={() => setShowAll(true)} data-testid={`${testId}-show-all`}>
          Show all ({formatCount(totalChars)} characters)
        </button>
      ) : null}
    </div>
  );
}
