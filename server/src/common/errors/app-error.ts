/** Every error the API can answer with, by code. The problem filter maps each to HTTP. */
export enum ErrorCode {
  Validation = 'validation',
  Unauthenticated = 'unauthenticated',
  InvalidCredentials = 'invalid-credentials',
  PasswordChangeRequired = 'password-change-required',
  Forbidden = 'forbidden',
  NotFound = 'not-found',
  Conflict = 'conflict',
  VersionMismatch = 'version-mismatch',
  VersionRequired = 'version-required',
  IdempotencyKeyReused = 'idempotency-key-reused',
  TooManyRequests = 'too-many-requests',
  Gone = 'gone',
  Unavailable = 'unavailable',
}

export interface FieldError {
  field: string;
  message: string;
}

/** Base of the errors modules throw; carries a code, a human detail and optional field errors. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extras: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError(ErrorCode.NotFound, `${what} was not found`);

export const validationError = (errors: FieldError[]): AppError =>
  new AppError(ErrorCode.Validation, errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });

export const forbidden = (detail: string): AppError => new AppError(ErrorCode.Forbidden, detail);
