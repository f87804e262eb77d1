/** The outlined action button every page uses; `danger` for actions that remove or stop something. */
export function buttonClass(tone: 'default' | 'danger' = 'default'): string {
  const base = 'rounded-md border px-3 py-1 text-sm disabled:opacity-40 dark:border-slate-700';
  return tone === 'danger'
    ? `${base} text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950`
    : `${base} hover:bg-slate-100 dark:hover:bg-slate-800`;
}
