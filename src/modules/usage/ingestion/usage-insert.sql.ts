import { attributionCtes, attributionSelect, rollupUpsert } from '../attribution/attribution.sql';
import { USAGE_COLUMNS } from './usage-columns';

const names = USAGE_COLUMNS.map(([name]) => name);
const stored = names.filter((name) => name !== 'content_hash' && name !== 'key_hash');

/**
 * One statement per batch (reading the rows from `staged`, see usage-staging.ts): claim the
 * records' keys, store the new ones with their attribution, and add the attributed ones to the
 * hourly rollups. Keys already seen are skipped (duplicates or conflicts, told apart afterwards);
 * a failed statement leaves nothing behind. The keys of a batch must be distinct.
 * `importParam` is the placeholder of the import id (or null).
 */
export const insertUsageBatchSql = (staged: string, importParam: string) => `
WITH staged AS (${staged}),
fresh AS (
  INSERT INTO usage_record_keys (key_hash, content_hash, usage_start_time)
  SELECT key_hash, content_hash, usage_start_time FROM staged
  -- Keys claimed in one order by every batch: two overlapping batches wait, never deadlock.
  ORDER BY key_hash
  ON CONFLICT DO NOTHING
  RETURNING key_hash
),
source AS (SELECT * FROM staged s WHERE s.key_hash IN (SELECT key_hash FROM fresh)),
${attributionCtes()},
attributed AS (${attributionSelect('source')}),
inserted AS (
  INSERT INTO usage_records (${stored.join(', ')}, import_id, status, reason, customer_id, trigger, currency,
                             list_price, discount_rate, list_cost, partner_cost)
  SELECT ${stored.map((n) => `a.${n}`).join(', ')}, ${importParam}::uuid, a.status, a.reason,
         a.customer_id, a.trigger, a.currency, a.list_price, a.discount_rate, a.list_cost, a.partner_cost
  FROM attributed a
  RETURNING record_id, record_type, status, reason, customer_id, room_id, trigger, sku_name, currency,
            usage_start_time, usage_quantity, list_cost, partner_cost
),
rolled AS (${rollupUpsert(`(SELECT *, 1 AS sign FROM inserted WHERE status = 'attributed') AS r`)})
-- Only the exceptions come back, by key hash (hex, as the service has it; a batch is mostly
-- attributed rows, which need no answer): the stored rows that were quarantined or excluded, and
-- the keys that were already taken (status null).
SELECT replace(s.key_hash::text, '-', '') AS key_hash, i.status, i.reason
FROM inserted i JOIN staged s USING (record_id, record_type)
WHERE i.status <> 'attributed'
UNION ALL
SELECT replace(s.key_hash::text, '-', ''), NULL, NULL FROM staged s
-- Counted first (once): when every key was fresh, the search for the others is skipped.
WHERE (SELECT count(*) FROM fresh) < (SELECT count(*) FROM staged)
  AND NOT EXISTS (SELECT FROM fresh f WHERE f.key_hash = s.key_hash)`;

/** The stored fingerprints of keys that were already taken, by key hash (hex, no hyphens). */
export const EXISTING_USAGE_HASHES = `
SELECT replace(k.key_hash::text, '-', '') AS key_hash, k.content_hash
FROM usage_record_keys k
WHERE k.key_hash = ANY($1::uuid[])`;
