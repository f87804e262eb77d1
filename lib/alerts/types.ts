/** The alert vocabulary shared by evaluation, storage, notifiers and the API. */
export const RULE_NAMES = ['QueueLengthWarning', 'QueueLengthCritical', 'OldestJobTooOld', 'FailureRateHigh', 'WorkersMissing', 'RedisDown'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

/** `info` is only used by the "send test notification" action. */
export type Severity = 'info' | 'warning' | 'critical';

export type AlertState = 'pending' | 'firing' | 'resolved';

/** One alert: a rule for one queue (or for the whole deployment, as RedisDown), as the API shows it. */
export interface Alert {
  /** Stable per (connection, rule, prefix, queue); also the Alertmanager fingerprint and the PagerDuty dedup_key. */
  id: string;
  rule: RuleName | 'TestNotification';
  /** The Redis connection the alert is about (its LOOKOUT_CONNECTIONS name; "default" with one Redis). */
  connection: string;
  prefix: string | null;
  queue: string | null;
  severity: Severity;
  state: AlertState;
  /** The measured value and the threshold it is compared with, in the rule's unit. */
  value: number;
  threshold: number;
  summary: string;
  /** When the condition first held (the pending clock starts here). */
  activeAt: number;
  /** When the alert fired; equal to activeAt while pending. */
  startsAt: number;
  /** When it resolved; null while pending or firing. */
  endsAt: number | null;
  /** Last firing notification actually handed to the webhooks (silenced ones do not count). */
  lastNotifiedAt: number | null;
}

export type NotificationStatus = 'firing' | 'resolved';

/** What the evaluation asks the delivery component to send. */
export interface AlertNotification {
  status: NotificationStatus;
  alert: Alert;
  /** A repeat of a firing alert after repeatIntervalMs. */
  repeat: boolean;
}

/** One state change kept in the bounded history. */
export interface AlertTransition {
  at: number;
  from: AlertState | 'inactive';
  to: AlertState | 'inactive';
  alert: Alert;
}

/** A silence stored for one alert id. */
export interface Silence {
  until: number;
  by: string;
  createdAt: number;
}
