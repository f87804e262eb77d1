/**
 * Errors are values with a code. Every layer throws AppError; exactly one place
 * (lib/http) turns a code into an HTTP status.
 */
export type ErrorCode = 'NotFound' | 'Conflict' | 'Invalid' | 'Unavailable' | 'Unauthorized' | 'Forbidden';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (message: string) => new AppError('NotFound', message);
export const conflict = (message: string) => new AppError('Conflict', message);
export const invalid = (message: string, field?: string) => new AppError('Invalid', message, field);
export const unavailable = (message: string) => new AppError('Unavailable', message);
export const unauthorized = (message: string) => new AppError('Unauthorized', message);
export const forbidden = (message: string) => new AppError('Forbidden', message);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
