/**
 * The registry's published relations: what set-based SQL of other modules (attribution of a
 * 5,000-row batch, a period's room usage, daily rollups) joins against, as parenthesized
 * subqueries with a fixed column list. A consumer writes `JOIN ${ROOM_OWNERSHIP_SPANS} own ON …`
 * and names only these columns; the registry is free to change its tables behind them. Each is a
 * plain projection (or one window), which PostgreSQL pulls up into the consumer's query, so the
 * plan is the one the tables themselves would give. (docs/table-ownership.md, "Seams")
 */

/** Registered clean rooms: `id`. */
export const REGISTERED_ROOMS = `(SELECT id FROM clean_rooms)`;

/** Customers: `id`, `currency`, `billing_time_zone`. */
export const CUSTOMER_ACCOUNTS = `(SELECT id, currency, billing_time_zone FROM customers)`;

/**
 * Every ownership change of every room: `room_id`, `customer_id`, `effective_from` (the owner
 * from then on, until the room's next change). Index: (room_id, effective_from).
 */
export const ROOM_OWNERSHIP_CHANGES = `(SELECT room_id, customer_id, effective_from FROM room_ownerships)`;

/**
 * A room's owners as spans: `room_id`, `customer_id`, `effective_from`, `effective_to` (the next
 * change, or 'infinity'). With `everOwnedBy` (a SQL expression for a customer id, e.g. `$1`), only
 * the rooms that customer has ever owned, each over its whole history (their other owners too).
 */
export function roomOwnershipSpans(filter: { everOwnedBy?: string } = {}): string {
  const rooms =
    filter.everOwnedBy === undefined
      ? ''
      : `
    WHERE room_id IN (SELECT room_id FROM room_ownerships WHERE customer_id = ${filter.everOwnedBy})`;
  return `(SELECT room_id, customer_id, effective_from,
           coalesce(lead(effective_from) OVER (PARTITION BY room_id ORDER BY effective_from), 'infinity') AS effective_to
    FROM room_ownerships${rooms})`;
}

/**
 * The parties' Databricks identities: `id`, `kind` ('account' | 'principal' |
 * 'sharing_identifier'), `value` (accounts lower-cased), `party` ('partner' | 'customer'),
 * `customer_id` (null for the partner's). Unique on (kind, value).
 */
export const PARTY_IDENTITIES = `(SELECT id, kind, value, party, customer_id FROM party_identities)`;
