export { failureSignature, fingerprintOf, normalizeMessage, parseStack } from './fingerprint';
export type { FailureSignature } from './fingerprint';
export { readFailureRecords, newestStack } from './records';
export type { FailureRecord } from './records';
export { readFailureGroups, FAILURE_SAMPLE_SIZE } from './groups';
export type { FailureGroup, FailureGroups } from './groups';
export { getFailureGroups } from './service';
