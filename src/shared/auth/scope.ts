/**
 * What a key may do. `admin` may do everything; `customer` keys read one customer's data only.
 */
export const SCOPES = ['admin', 'ingest', 'finance', 'partner', 'customer'] as const;
export type Scope = (typeof SCOPES)[number];
