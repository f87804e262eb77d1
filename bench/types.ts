/** One line of the `npm run bench` summary table. */
export interface BenchRow {
  suite: string;
  metric: string;
  value: number;
  unit: string;
  /** The same quantity measured for plain BullMQ (or another baseline) in the same run. */
  baseline?: number;
  /** value / baseline (or the ratio the suite defines), printed with the target when there is one. */
  ratio?: number;
  /** Human-readable target, e.g. "≥ 0.95" or "< 100 ms". */
  target?: string;
  /** Whether the target was met; undefined when the row has no target. */
  met?: boolean;
  note?: string;
}

/** A bench module's default export: runs its measurements and returns rows for the summary. */
export type BenchSuite = () => Promise<BenchRow[]>;
