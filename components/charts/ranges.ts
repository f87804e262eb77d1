/** The time ranges the range picker offers. */
export const TIME_RANGES = [
  { id: '15m', label: '15 m', seconds: 15 * 60 },
  { id: '1h', label: '1 h', seconds: 3600 },
  { id: '6h', label: '6 h', seconds: 6 * 3600 },
  { id: '24h', label: '24 h', seconds: 24 * 3600 },
  { id: '7d', label: '7 d', seconds: 7 * 86_400 },
  { id: '30d', label: '30 d', seconds: 30 * 86_400 },
] as const;

export type TimeRange = (typeof TIME_RANGES)[number];
export type TimeRangeId = TimeRange['id'];

export const DEFAULT_RANGE: TimeRange = TIME_RANGES[1];

export function rangeById(id: string | null | undefined): TimeRange {
  return TIME_RANGES.find((range) => range.id === id) ?? DEFAULT_RANGE;
}
