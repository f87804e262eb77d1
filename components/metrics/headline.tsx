'use client';

import { useMetricsSummary, type QueueLocator } from '../api/hooks';
import type { MetricsSummary } from '@/lib/metrics/types';
import { formatCount, formatDuration } from '../format';
import { Stat } from '../ui/stat';
import { formatDrainEta } from './drain';

/**
 * Horizon-style headline numbers. For all queues: jobs past minute and hour, failures, max wait and run time,
 * workers. For one queue (whose page already shows its wait, rate and workers): its hour, failures, longest
 * run and time to drain.
 */
export function MetricsHeadline({ queue }: { queue: QueueLocator | null }) {
  const { data } = useMetricsSummary(queue);
  const show = (render: (summary: MetricsSummary) => string) => (data ? render(data) : '…');
  const failedHint = data ? `${formatCount(data.failedPastHour)} in the past hour` : null;
  if (queue) {
    const workload = data?.queues[0];
    return (
      <div className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-4" data-testid="metrics-headline">
        <Stat label="Jobs past hour" testId="headline-jobs-hour" value={show((s) => formatCount(s.jobsPastHour))} />
        <Stat label="Failed past 7 days" testId="headline-failed-week" value={show((s) => formatCount(s.failedPastSevenDays))} hint={failedHint} />
        <Stat label="Max runtime" testId="headline-max-runtime" value={show((s) => formatDuration(s.maxRuntimeMs))} hint="past hour" />
        <Stat label="Time to drain" testId="headline-drain" value={workload ? formatDrainEta(workload) : '…'} hint={workload ? `${formatCount(workload.backlog)} waiting` : null} />
      </div>
    );
  }
  return (
    <div className="grid grid-cols-2 gap-4 md:grid-cols-6" data-testid="metrics-headline">
      <Stat label="Jobs past minute" testId="headline-jobs-minute" value={show((s) => formatCount(s.jobsPastMinute))} />
      <Stat label="Jobs past hour" testId="headline-jobs-hour" value={show((s) => formatCount(s.jobsPastHour))} />
      <Stat label="Failed past 7 days" testId="headline-failed-week" value={show((s) => formatCount(s.failedPastSevenDays))} hint={failedHint} />
      <Stat label="Max wait" testId="headline-max-wait" value={show((s) => formatDuration(s.maxWaitMs))} hint="oldest waiting job now" />
      <Stat label="Max runtime" testId="headline-max-runtime" value={show((s) => formatDuration(s.maxRuntimeMs))} hint="past hour" />
      <Stat label="Workers" testId="headline-workers" value={show((s) => formatCount(s.workers))} hint="connected processes" />
    </div>
  );
}
