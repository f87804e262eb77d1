/**
 * BullMQ's scripts answer negative codes that its classes turn into errors carrying `code`
 * (BullMQ's ErrorCode enum); the ones an action can meet when racing with someone else.
 */
export const BULL_ERROR = {
  jobNotExist: -1,
  jobNotInState: -3,
  jobBelongsToJobScheduler: -8,
} as const;

export function bullErrorCode(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = (error as { code: unknown }).code;
  return typeof code === 'number' ? code : null;
}

/** An answer that means "the job moved or vanished under us", as opposed to Redis failing. */
export function isRaceError(error: unknown): boolean {
  const code = bullErrorCode(error);
  return code === BULL_ERROR.jobNotExist || code === BULL_ERROR.jobNotInState;
}
