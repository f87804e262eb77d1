export type { JobFinishedEvent, JobMetricsSink } from './events';
