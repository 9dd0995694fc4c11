import { attributionCtes, attributionSelect, rollupUpsert } from './attribution.sql';

/** What attribution reads of a usage row (its Databricks facts, not its current attribution). */
const FACT_COLUMNS = [
  'record_id',
  'record_type',
  'usage_start_time',
  'usage_end_time',
  'account_id',
  'sku_name',
  'cloud',
  'usage_unit',
  'usage_quantity',
  'room_id',
  'run_as',
  'billing_origin_product',
].join(', ');

/** A usage row's current attribution: what re-attribution may change. */
const ATTRIBUTION_COLUMNS = [
  'status',
  'reason',
  'customer_id',
  'trigger',
  'currency',
  'list_price',
  'discount_rate',
  'list_cost',
  'partner_cost',
];
const old = (column: string) => `old_${column}`;

/**
 * Recomputes the attribution of the rows chosen by `where` (over usage_records r, joined to
 * whatever else `source` names, with $n parameters; r must come out of it once per row), and moves their amounts in the rollups: the old attribution is taken out, the new
 * one added, so the rollups stay the exact sum of attributed rows. Rows whose attribution does not
 * change are left alone. Returns the number of rows changed.
 *
 * A row's old attribution travels with its facts (as old_*), so the rows are never joined back
 * to themselves: with few rows estimated (fresh partitions without statistics) that join became
 * a nested loop, quadratic in the rows changed.
 */
export function reattributionSql(where: string, source = 'usage_records r'): string {
  return `
WITH candidates AS (SELECT r.* FROM ${source} WHERE ${where} FOR UPDATE OF r),
${attributionCtes()},
facts AS (
  SELECT ${FACT_COLUMNS}, ${ATTRIBUTION_COLUMNS.map((c) => `${c} AS ${old(c)}`).join(', ')}
  FROM candidates
),
computed AS (${attributionSelect('facts')}),
changed AS (
  UPDATE usage_records u SET ${ATTRIBUTION_COLUMNS.map((c) => `${c} = c.${c}`).join(', ')}
  FROM computed c
  WHERE u.record_id = c.record_id AND u.record_type = c.record_type AND u.usage_start_time = c.usage_start_time
    AND (${ATTRIBUTION_COLUMNS.map((c) => `c.${old(c)}`).join(', ')})
        IS DISTINCT FROM (${ATTRIBUTION_COLUMNS.map((c) => `c.${c}`).join(', ')})
  RETURNING c.old_status, c.old_customer_id, c.old_trigger, c.old_currency, c.old_list_cost, c.old_partner_cost,
            u.status, u.customer_id, u.trigger, u.currency, u.list_cost, u.partner_cost,
            u.room_id, u.sku_name, u.usage_start_time, u.usage_quantity
),
deltas AS (
  SELECT old_customer_id AS customer_id, usage_start_time, room_id, old_trigger AS trigger, sku_name,
         old_currency AS currency, usage_quantity, old_list_cost AS list_cost, old_partner_cost AS partner_cost, -1 AS sign
  FROM changed WHERE old_status = 'attributed'
  UNION ALL
  SELECT customer_id, usage_start_time, room_id, trigger, sku_name, currency, usage_quantity, list_cost, partner_cost, 1
  FROM changed WHERE status = 'attributed'
),
rolled AS (${rollupUpsert('deltas')})
SELECT count(*)::int AS changed FROM changed`;
}
