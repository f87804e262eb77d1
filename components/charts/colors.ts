/** Series colours: the status and state tokens of tailwind.config.ts, for SVG attributes that cannot take classes. */
export const CHART_COLORS = {
  completed: '#16a34a',
  failed: '#dc2626',
  waiting: '#0ea5e9',
  active: '#22c55e',
  delayed: '#a855f7',
  p50: '#0ea5e9',
  p95: '#6366f1',
} as const;
