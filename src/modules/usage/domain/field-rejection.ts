import type { Normalized, RecordRejection } from './usage-record';

/**
 * Thrown by field readers so a normaliser reads top to bottom; `normalizeOrReject` turns it into
 * the `Normalized` result and never lets it escape.
 */
export class FieldRejection extends Error implements RecordRejection {
  constructor(
    readonly code: string,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'FieldRejection';
  }
}

/** Throws a FieldRejection. */
export function reject(code: string, field: string | null, message: string): never {
  throw new FieldRejection(code, field, message);
}

/** Runs `build`; a FieldRejection it throws becomes a rejected result, anything else propagates. */
export function normalizeOrReject<T>(build: () => T): Normalized<T> {
  try {
    return { ok: true, value: build() };
  } catch (error) {
    if (!(error instanceof FieldRejection)) throw error;
    return {
      ok: false,
      rejection: { code: error.code, field: error.field, message: error.message },
    };
  }
}
