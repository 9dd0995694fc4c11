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

/**
 * Recomputes the attribution of the rows chosen by `where` (over usage_records r, with $n
 * parameters), and moves their amounts in the rollups: the old attribution is taken out, the new
 * one added, so the rollups stay the exact sum of attributed rows. Rows whose attribution does not
 * change are left alone. Returns the number of rows changed.
 */
export function reattributionSql(where: string): string {
  return `
WITH candidates AS (SELECT * FROM usage_records r WHERE ${where} FOR UPDATE),
${attributionCtes()},
facts AS (SELECT ${FACT_COLUMNS} FROM candidates),
computed AS (${attributionSelect('facts')}),
changed AS (
  UPDATE usage_records u SET
    status = c.status, reason = c.reason, customer_id = c.customer_id, trigger = c.trigger, currency = c.currency,
    list_price = c.list_price, discount_rate = c.discount_rate, list_cost = c.list_cost, partner_cost = c.partner_cost
  FROM computed c JOIN candidates o USING (record_id, record_type, usage_start_time)
  WHERE u.record_id = c.record_id AND u.record_type = c.record_type AND u.usage_start_time = c.usage_start_time
    AND (o.status, o.reason, o.customer_id, o.trigger, o.currency, o.list_price, o.discount_rate, o.list_cost,
         o.partner_cost)
        IS DISTINCT FROM (c.status, c.reason, c.customer_id, c.trigger, c.currency, c.list_price, c.discount_rate,
                          c.list_cost, c.partner_cost)
  RETURNING o.status AS old_status, o.customer_id AS old_customer_id, o.trigger AS old_trigger,
            o.currency AS old_currency, o.list_cost AS old_list_cost, o.partner_cost AS old_partner_cost,
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
