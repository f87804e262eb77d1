export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface QueueRef {
  prefix: string;
  name: string;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  prioritized: number;
  waitingChildren: number;
  completed: number;
  failed: number;
}

export interface QueueSummary extends QueueRef {
  paused: boolean;
  counts: QueueCounts;
  /** Age of the job that has waited longest in `wait`; null when nothing waits. */
  oldestWaitingAgeMs: number | null;
  /** Jobs finished in the last 60 s, from the completed set's finish times. */
  throughputPerMinute: number;
  /** failed / (completed + failed) over the last 5 min; null when no job finished. */
  failureRate: number | null;
  /** Jobs finished in those 5 min: the denominator of failureRate (alerts want enough of them). */
  failureRateJobs: number;
  /** Live BullMQ worker connections for this queue. */
  workers: number;
  /** Keys that held the wrong Redis type or could not be read; empty when the queue is healthy. */
  problems: string[];
}

/** A value read from Redis that should be JSON; kept raw when it is not. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; raw: string; error: string };

export interface JobSummary {
  id: string;
  name: string | null;
  /** `unknown` when the job hash exists but no state key holds its id (an orphan, or a job mid-move). */
  state: JobState | 'unknown';
  attemptsMade: number;
  timestamp: number | null;
  processedOn: number | null;
  finishedOn: number | null;
  failedReason: string | null;
  progress: unknown;
  /** Set when the job hash is missing or some of its fields could not be read. */
  malformed: string | null;
  /** The start of the raw `data` text, so the dashboard can search the loaded page by data. */
  dataPreview: string | null;
}

export interface TimelineEvent {
  event: 'created' | 'delayed-until' | 'started' | 'completed' | 'failed';
  at: number;
}

export interface JobDetail extends JobSummary {
  queue: string;
  prefix: string;
  /** Parsed JSON; the raw string when the field is not valid JSON (listed in invalidJsonFields). */
  data: unknown;
  opts: unknown;
  returnvalue: unknown;
  invalidJsonFields: string[];
  stacktrace: string[];
  logs: string[];
  logCount: number;
  attempts: { made: number; started: number | null; max: number | null };
  delayMs: number;
  priority: number;
  parentKey: string | null;
  /** The flow parent (FlowProducer), possibly in another queue; null for a job without one. */
  parent: JobLocation | null;
  /** Up to MAX_LISTED_CHILDREN of its flow children (failed first, then unfinished, then completed). */
  children: FlowChild[];
  /** Counts of all its children; total 0 for a job that is no flow parent. */
  childCounts: ChildCounts;
  timeline: TimelineEvent[];
}

/** Where a job lives: BullMQ stores parents and children as full keys, which may name another queue or prefix. */
export interface JobLocation {
  prefix: string;
  queue: string;
  id: string;
}

export interface FlowChild extends JobLocation {
  name: string | null;
  /** `unknown` when the child's hash is gone (removed, or kept only as a key in its parent). */
  state: JobState | 'unknown';
  failedReason: string | null;
}

/** A parent's children by what the parent knows of them: still to finish, completed, failed (ignored or not). */
export interface ChildCounts {
  pending: number;
  completed: number;
  failed: number;
  total: number;
}

export interface FlowChildren {
  /** null when the parent job is gone. */
  counts: ChildCounts | null;
  children: FlowChild[];
}

export interface JobPage {
  jobs: JobSummary[];
  nextCursor: string | null;
  total: number;
  /** Set when the state's key could not be read (e.g. it holds the wrong Redis type). */
  problem?: string;
}
