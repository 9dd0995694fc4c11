/**
 * The price book's published relations (issue 14): SQL that other modules' set-based statements
 * may use, as `price_spans AS ${PRICE_SPANS}` in a WITH, or as a FROM item with an alias, where a
 * query service would cost them their single statement (usage's attribution joins a price and a
 * discount to each row of a 5,000-row batch). The columns listed are the contract; the tables
 * behind them stay the price book's.
 */

/**
 * Each list price over the time it is in force. Columns: sku_name, cloud, usage_unit,
 * currency_code, price (the effective list price), valid_from, valid_to (exclusive: the price's
 * end time or the next price's start for the same SKU, cloud, unit and currency, whichever comes
 * first; 'infinity' when neither).
 */
export const PRICE_SPANS = `(
    SELECT sku_name, cloud, usage_unit, currency_code, effective_list_price AS price, price_start_time AS valid_from,
           least(coalesce(price_end_time, 'infinity'),
                 coalesce(lead(price_start_time) OVER (PARTITION BY sku_name, cloud, usage_unit, currency_code
                                                      ORDER BY price_start_time), 'infinity')) AS valid_to
    FROM list_prices
  )`;

/**
 * The partner's Databricks discount over time. Columns: rate (the fraction off list price),
 * valid_from, valid_to (exclusive: the next discount's start, 'infinity' for the last).
 */
export const DISCOUNT_SPANS = `(
    SELECT rate, effective_from AS valid_from,
           coalesce(lead(effective_from) OVER (ORDER BY effective_from), 'infinity') AS valid_to
    FROM partner_discounts
  )`;
