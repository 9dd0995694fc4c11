import {
  CUSTOMER_ACCOUNTS,
  PARTY_IDENTITIES,
  REGISTERED_ROOMS,
  roomOwnershipSpans,
} from '../../registry/registry.relations';
import { DISCOUNT_SPANS, PRICE_SPANS } from '../../pricebook/price-book.relations';
import { coveringRunLateral } from './covering-run.sql';

/**
 * The attribution rules as one set-based SELECT, so a batch of 5,000 rows is
 * attributed by a few hash joins rather than row by row. `source` names a relation with the
 * usage_records columns; the result has one row per source row: every source column (s.*), then
 * status, reason, customer_id, trigger, currency, list_price, discount_rate, list_cost,
 * partner_cost — so the source's own attribution columns, if it has any, must be left out of it.
 *
 * 1. The room's owner at usage_start_time is the customer.
 * 2. The trigger: the billed account when registered; else the run_as principal when registered;
 *    else the initiator of the run that covers most of the hour (clean_room_runs, see
 *    covering-run.sql.ts). The identity found must be the partner's or the room owner's; another
 *    customer's is quarantined.
 * 3. List cost = DBU × the effective list price of the SKU (same cloud, unit and the customer's
 *    currency) in force at usage_start_time; partner cost = list cost × (1 − partner discount)
 *    when the partner triggered it, else 0 (the customer paid Databricks).
 * Anything unresolved is quarantined with the first reason that applies; usage that is not
 * clean-room usage at all is kept but excluded.
 */
export function attributionCtes(): string {
  return `
  ownership_spans AS ${roomOwnershipSpans()},
  price_spans AS ${PRICE_SPANS},
  discount_spans AS ${DISCOUNT_SPANS}`;
}

export function attributionSelect(source: string): string {
  return `
  SELECT s.*,
    CASE
      WHEN s.room_id IS NULL AND s.billing_origin_product IS DISTINCT FROM 'CLEAN_ROOM' THEN 'excluded'
      WHEN room.id IS NULL OR own.customer_id IS NULL OR trig.trigger IS NULL OR price.price IS NULL THEN 'quarantined'
      ELSE 'attributed'
    END AS status,
    CASE
      WHEN s.room_id IS NULL AND s.billing_origin_product IS DISTINCT FROM 'CLEAN_ROOM' THEN 'not_clean_room'
      WHEN s.room_id IS NULL THEN 'missing_room_id'
      WHEN room.id IS NULL THEN 'unknown_room'
      WHEN own.customer_id IS NULL THEN 'no_owner'
      WHEN decider.party IS NULL THEN 'unknown_trigger'
      -- Billed to, or run by, another customer than the room's owner: a person must look.
      WHEN trig.trigger IS NULL THEN 'trigger_other_customer'
      WHEN price.price IS NULL THEN 'no_price'
    END AS reason,
    own.customer_id, trig.trigger, cust.currency, price.price AS list_price, coalesce(disc.rate, 0) AS discount_rate,
    s.usage_quantity * price.price AS list_cost,
    CASE WHEN trig.trigger = 'partner' THEN s.usage_quantity * price.price * (1 - coalesce(disc.rate, 0)) ELSE 0 END
      AS partner_cost
  FROM ${source} s
  LEFT JOIN ${REGISTERED_ROOMS} room ON room.id = s.room_id
  LEFT JOIN ownership_spans own
    ON own.room_id = s.room_id AND own.effective_from <= s.usage_start_time AND s.usage_start_time < own.effective_to
  LEFT JOIN ${CUSTOMER_ACCOUNTS} cust ON cust.id = own.customer_id
  LEFT JOIN ${PARTY_IDENTITIES} acct ON acct.kind = 'account' AND acct.value = lower(s.account_id)
  LEFT JOIN ${PARTY_IDENTITIES} prin ON prin.kind = 'principal' AND prin.value = s.run_as
  ${coveringRunLateral('s', 'acct.id IS NULL AND prin.id IS NULL AND own.customer_id IS NOT NULL')} covering ON true
  LEFT JOIN ${PARTY_IDENTITIES} init ON init.kind = 'sharing_identifier' AND init.value = covering.initiator
  -- The first registered identity decides: the billed account, else run_as, else the run's initiator.
  CROSS JOIN LATERAL (
    SELECT CASE WHEN acct.id IS NOT NULL THEN acct.party WHEN prin.id IS NOT NULL THEN prin.party ELSE init.party END AS party,
           CASE WHEN acct.id IS NOT NULL THEN acct.customer_id WHEN prin.id IS NOT NULL THEN prin.customer_id
                ELSE init.customer_id END AS customer_id
  ) decider
  CROSS JOIN LATERAL (
    SELECT CASE WHEN decider.party = 'partner' THEN 'partner'
                WHEN decider.party = 'customer' AND decider.customer_id = own.customer_id THEN 'customer' END AS trigger
  ) trig
  LEFT JOIN price_spans price
    ON price.sku_name = s.sku_name AND price.cloud = s.cloud AND price.usage_unit = s.usage_unit
   AND price.currency_code = cust.currency
   AND price.valid_from <= s.usage_start_time AND s.usage_start_time < price.valid_to
  LEFT JOIN discount_spans disc ON disc.valid_from <= s.usage_start_time AND s.usage_start_time < disc.valid_to`;
}

/** Adds (or, with sign -1, takes away) attributed rows' amounts to the hourly rollups. */
export function rollupUpsert(source: string): string {
  return `
  INSERT INTO usage_hourly AS h (customer_id, hour, room_id, trigger, sku_name, currency, dbu, list_cost, partner_cost, records)
  SELECT customer_id, date_trunc('hour', usage_start_time, 'UTC'), room_id, trigger, sku_name, currency,
         sum(sign * usage_quantity), sum(sign * list_cost), sum(sign * partner_cost), sum(sign)::integer
  FROM ${source}
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (customer_id, hour, room_id, trigger, sku_name, currency) DO UPDATE SET
    dbu = h.dbu + EXCLUDED.dbu,
    list_cost = h.list_cost + EXCLUDED.list_cost,
    partner_cost = h.partner_cost + EXCLUDED.partner_cost,
    records = h.records + EXCLUDED.records`;
}
