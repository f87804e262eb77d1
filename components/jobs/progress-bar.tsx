import { progressPercent } from '../format';

export function ProgressBar({ progress, compact = false }: { progress: unknown; compact?: boolean }) {
  const percent = progressPercent(progress);
  if (percent === null) {
    return progress === null || progress === undefined || progress === 0 ? null : (
      <span className="font-mono text-xs text-slate-500">{JSON.stringify(progress).slice(0, 80)}</span>
    );
  }
  return (
    <div className={`flex items-center gap-2 ${compact ? 'w-28' : 'w-full max-w-md'}`} data-testid="progress">
      <div className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
        <div className="h-full bg-sky-500" style={{ width: `${percent}%` }} />
      </div>
      <span className="text-xs tabular-nums text-slate-500">{Math.round(percent)} %</span>
    </div>
  );
}
