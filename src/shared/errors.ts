// Domain errors carry a stable code; src/server/http/problem.ts maps each code to an HTTP status.
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_CURSOR: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  IN_USE: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  INVALID_TRANSITION: 409,
  REOPEN_WINDOW_PASSED: 409,
  ALREADY_ANSWERED: 409,
  SCHEDULE_CONFLICT: 409,
  EXPIRED: 410,
  VERSION_CONFLICT: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  PRECONDITION_REQUIRED: 428,
  LOGIN_RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  /** JSON pointer or dotted path of the offending field, e.g. "/email". */
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      errors?: FieldError[];
      retryAfterSeconds?: number;
      [key: string]: unknown;
    } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found.`);

export const invalid = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ field, message }] });

export const versionConflict = (what: string, current: number) =>
  new DomainError(
    'VERSION_CONFLICT',
    `${what} was changed by someone else (now at version ${current}). Reload it and apply your change again.`,
    { currentVersion: current },
  );
