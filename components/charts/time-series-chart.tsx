'use client';

import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { hasValues, isolatedPoints, timeTickFormatter, type ChartRow } from './series';

export interface SeriesSpec {
  key: string;
  label: string;
  color: string;
  /** Areas for counts (stacked when they share `stack`), lines for percentiles and sizes. */
  kind: 'area' | 'line';
  stack?: string;
}

export interface TimeSeriesChartProps {
  title: string;
  testId: string;
  rows: readonly ChartRow[];
  series: readonly SeriesSpec[];
  rangeSeconds: number;
  formatValue: (value: number) => string;
  height?: number;
}

/** Draws a dot only where a value has no neighbour (a line needs two points), e.g. the first minute of data. */
function isolatedDot(rows: readonly ChartRow[], spec: SeriesSpec) {
  const isolated = isolatedPoints(rows, spec.key);
  if (isolated.size === 0) return false;
  return (props: { index: number; cx?: number; cy?: number }) =>
    isolated.has(props.index) && props.cx !== undefined && props.cy !== undefined ? (
      <circle key={props.index} cx={props.cx} cy={props.cy} r={2.5} fill={spec.color} />
    ) : null;
}

/**
 * One time-series chart. Animations are off: with up to ~500 points and a refresh every few seconds they
 * would only cost time. The container says how many points it drew and whether any was non-zero, for tests.
 */
export function TimeSeriesChart({ title, testId, rows, series, rangeSeconds, formatValue, height = 180 }: TimeSeriesChartProps) {
  const nonEmpty = hasValues(rows, series.map((spec) => spec.key));
  const formatTime = timeTickFormatter(rangeSeconds);
  return (
    <figure data-testid={testId} data-points={rows.length} data-nonempty={nonEmpty} className="min-w-0">
      <figcaption className="mb-1 flex items-baseline justify-between text-sm font-medium text-slate-600 dark:text-slate-300">
        {title}
        {!nonEmpty ? <span className="text-xs font-normal text-slate-400">no data in this range</span> : null}
      </figcaption>
      <ComposedChart responsive data={rows as ChartRow[]} style={{ width: '100%', height }} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#94a3b8" strokeOpacity={0.25} vertical={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={formatTime} fontSize={11} minTickGap={40} />
        <YAxis tickFormatter={formatValue} fontSize={11} width={56} allowDecimals={false} />
        <Tooltip
          labelFormatter={(label) => `${formatTime(Number(label))} UTC`}
          formatter={(value) => (typeof value === 'number' ? formatValue(value) : '—')}
          contentStyle={{ fontSize: 12 }}
        />
        <Legend iconSize={8} wrapperStyle={{ fontSize: 12 }} />
        {series.map((spec) =>
          spec.kind === 'area' ? (
            <Area
              key={spec.key}
              dataKey={spec.key}
              name={spec.label}
              stackId={spec.stack}
              stroke={spec.color}
              fill={spec.color}
              fillOpacity={0.25}
              type="monotone"
              isAnimationActive={false}
              dot={false}
            />
          ) : (
            <Line
              key={spec.key}
              dataKey={spec.key}
              name={spec.label}
              stroke={spec.color}
              type="monotone"
              isAnimationActive={false}
              dot={isolatedDot(rows, spec)}
              strokeWidth={1.5}
            />
          ),
        )}
      </ComposedChart>
    </figure>
  );
}
