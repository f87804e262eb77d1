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

/** One colour per compared queue (lines on one chart), cycling after ten. */
export const QUEUE_COLORS = ['#0ea5e9', '#f97316', '#22c55e', '#a855f7', '#ef4444', '#eab308', '#14b8a6', '#ec4899', '#6366f1', '#84cc16'] as const;

export function queueColor(index: number): string {
  return QUEUE_COLORS[index % QUEUE_COLORS.length] as string;
}
