import { FieldError } from '../../../shared/errors/domain-error';
import { IdentityKind } from './party-identity.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHARING_IDENTIFIER =
  /^(aws|azure|gcp):[a-z0-9-]+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Databricks compares these case-insensitively; storing them lower-cased makes lookups exact. */
export function normalizeIdentityValue(value: string): string {
  return value.trim().toLowerCase();
}

/** The shape each kind must have, or a field error saying which. */
export function checkIdentityValue(kind: IdentityKind, normalized: string): FieldError | null {
  switch (kind) {
    case 'account':
      return UUID.test(normalized) ? null : fieldError('a Databricks account id (uuid)');
    case 'sharing_identifier':
      return SHARING_IDENTIFIER.test(normalized)
        ? null
        : fieldError('a sharing identifier cloud:region:uuid');
    case 'principal':
      return normalized.length > 0
        ? null
        : fieldError('a user name, email or service principal id');
  }
}

function fieldError(expected: string): FieldError {
  return { field: 'value', code: 'invalid_identity_value', message: `value must be ${expected}` };
}
