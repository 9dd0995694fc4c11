/**
 * Every problem `code` the API answers with, and the HTTP status and title it answers with: clients
 * branch on the codes, so the contract lists them as an enum generated from this one table (in
 * this order), and DomainError only takes one of them (a new code is added here first).
 * `error-codes.spec.ts` checks that every code thrown in src/ is listed.
 */
export const ERROR_CODES = {
  // Any route: authentication, the request's shape, the HTTP layer and the database.
  unauthenticated: { status: 401, title: 'Unauthenticated' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  validation_failed: { status: 400, title: 'Validation failed' },
  bad_request: { status: 400, title: 'Bad request' },
  malformed_json: { status: 400, title: 'Malformed JSON' },
  invalid_body: { status: 400, title: 'Bad request' },
  empty_body: { status: 400, title: 'Bad request' },
  too_deep: { status: 400, title: 'Bad request' },
  invalid_encoding: { status: 400, title: 'Bad request' },
  unsupported_encoding: { status: 415, title: 'Unsupported encoding' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  not_acceptable: { status: 406, title: 'Not acceptable' },
  too_many_requests: { status: 429, title: 'Too many requests' },
  invalid_cursor: { status: 400, title: 'Bad request' },
  invalid_value: { status: 400, title: 'Bad request' },
  conflict: { status: 409, title: 'Conflict' },
  already_exists: { status: 409, title: 'Conflict' },
  reference_conflict: { status: 409, title: 'Conflict' },
  concurrent_change: { status: 409, title: 'Conflict' },
  // The two fallbacks of an HTTP exception with no code of its own answer with its status: `error`
  // any 4xx (the status here is only their floor), `internal_error` any 5xx.
  error: { status: 400, title: 'Error' },
  internal_error: { status: 500, title: 'Internal error' },
  // Registry: customers, identities, rooms, API keys.
  unknown_customer: { status: 400, title: 'Bad request' },
  customer_in_use: { status: 409, title: 'Conflict' },
  identity_taken: { status: 409, title: 'Conflict' },
  invalid_room_id: { status: 400, title: 'Bad request' },
  already_owner: { status: 409, title: 'Conflict' },
  no_owner: { status: 404, title: 'Not found' },
  invalid_scopes: { status: 400, title: 'Bad request' },
  // Usage: ingestion, imports, reads.
  too_many_records: { status: 413, title: 'Payload too large' },
  import_interrupted: { status: 409, title: 'Conflict' },
  invalid_window: { status: 400, title: 'Bad request' },
  // Pricing: plans, subscriptions, quotes, budgets.
  invalid_plan_version: { status: 400, title: 'Bad request' },
  invalid_charge_definition: { status: 400, title: 'Bad request' },
  unknown_plan_version: { status: 400, title: 'Bad request' },
  currency_mismatch: { status: 400, title: 'Bad request' },
  invalid_overrides: { status: 400, title: 'Bad request' },
  invalid_quote: { status: 400, title: 'Bad request' },
  room_without_owner: { status: 409, title: 'Conflict' },
  // Invoicing and payments.
  period_not_ended: { status: 409, title: 'Conflict' },
  period_not_started: { status: 409, title: 'Conflict' },
  period_invoiced: { status: 409, title: 'Conflict' },
  invoice_not_draft: { status: 409, title: 'Conflict' },
  not_creditable: { status: 409, title: 'Conflict' },
  invalid_amount: { status: 400, title: 'Bad request' },
  credit_exceeds_invoice: { status: 409, title: 'Conflict' },
  payments_disabled: { status: 503, title: 'Payments disabled' },
  webhooks_not_configured: { status: 400, title: 'Bad request' },
  invalid_signature: { status: 400, title: 'Bad request' },
  malformed_event: { status: 400, title: 'Bad request' },
  // Reports.
  period_not_invoiced: { status: 404, title: 'Not found' },
} as const satisfies Record<string, { readonly status: number; readonly title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes in the table's order: the contract's `ErrorCode` enum. */
export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as readonly ErrorCode[];

/** The codes whose table status is `S`: what a helper fixed to one status may be given. */
export type CodeWithStatus<S extends number> = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C]['status'] extends S ? C : never;
}[ErrorCode];
