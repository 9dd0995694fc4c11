import { QueryFailedError } from 'typeorm';

/** Postgres SQLSTATE of a failed query, when the error came from the database. */
export function sqlState(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const code: unknown = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
/** ON DELETE RESTRICT reports its own state, not 23503. */
export const RESTRICT_VIOLATION = '23001';

/** A write refused because it would break a reference between rows. */
export function isReferenceViolation(state: string | undefined): boolean {
  return state === FOREIGN_KEY_VIOLATION || state === RESTRICT_VIOLATION;
}
