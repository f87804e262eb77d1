'use client';

/** A search field that applies on Enter (its form's submit), styled like the dashboard's other inputs. */
export function SearchInput({ value, onChange, label, placeholder, testId, width }: { value: string; onChange(value: string): void; label: string; placeholder: string; testId: string; width: string }) {
  return (
    <input
      type="search"
      data-testid={testId}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      placeholder={placeholder}
      aria-label={label}
      className={`${width} rounded-md border px-3 py-1 text-sm dark:border-slate-700 dark:bg-slate-950`}
    />
  );
}
