import { DomainError } from '../shared/errors.js';

interface DriverError {
  code?: string;
  constraint?: string;
  detail?: string;
  message?: string;
}

/** Recognises the driver errors the app reacts to, on both engines. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as DriverError;
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as DriverError;
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

function isBusy(error: unknown): boolean {
  const e = error as DriverError;
  return (
    e?.code === 'SQLITE_BUSY' || e?.code === '40001' || e?.code === '40P01' || e?.code === '57P01'
  );
}

/**
 * Maps a driver error to a domain error. `what` names the record for the message. Errors that are
 * not recognised are returned unchanged and end as a 500 without internals.
 */
export function mapDriverError(error: unknown, what = 'The record'): unknown {
  if (error instanceof DomainError) return error;
  if (isUniqueViolation(error)) {
    return new DomainError('ALREADY_EXISTS', `${what} already exists (a unique value is taken).`);
  }
  if (isForeignKeyViolation(error)) {
    return new DomainError(
      'IN_USE',
      `${what} refers to a record that does not exist, or is still referred to by other records.`,
    );
  }
  if (isBusy(error)) {
    return new DomainError(
      'SERVICE_UNAVAILABLE',
      'The database is busy; retry the request in a moment.',
      { retryAfterSeconds: 1 },
    );
  }
  return error;
}
