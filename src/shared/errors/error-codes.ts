/**
 * Every problem `code` the API answers with: clients branch on these, so the contract lists them
 * as an enum generated from this one list, and DomainError only takes one of them (a new code is
 * added here first). `error-codes.spec.ts` checks that every code thrown in src/ is listed.
 */
export const ERROR_CODES = [
  // Any route: authentication, the request's shape, the HTTP layer and the database.
  'unauthenticated',
  'forbidden',
  'not_found',
  'validation_failed',
  'bad_request',
  'malformed_json',
  'invalid_body',
  'empty_body',
  'too_deep',
  'invalid_encoding',
  'unsupported_encoding',
  'unsupported_media_type',
  'payload_too_large',
  'method_not_allowed',
  'not_acceptable',
  'too_many_requests',
  'invalid_cursor',
  'invalid_value',
  'conflict',
  'already_exists',
  'reference_conflict',
  'concurrent_change',
  'error',
  'internal_error',
  // Registry: customers, identities, rooms, API keys.
  'unknown_customer',
  'customer_in_use',
  'identity_taken',
  'invalid_room_id',
  'already_owner',
  'no_owner',
  'invalid_scopes',
  // Usage: ingestion, imports, reads.
  'too_many_records',
  'import_interrupted',
  'invalid_window',
  // Pricing: plans, subscriptions, quotes, budgets.
  'invalid_plan_version',
  'invalid_charge_definition',
  'unknown_plan_version',
  'currency_mismatch',
  'invalid_overrides',
  'invalid_quote',
  'room_without_owner',
  // Invoicing and payments.
  'period_not_ended',
  'period_not_started',
  'period_invoiced',
  'invoice_not_draft',
  'not_creditable',
  'invalid_amount',
  'credit_exceeds_invoice',
  'payments_disabled',
  'webhooks_not_configured',
  'invalid_signature',
  'malformed_event',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
