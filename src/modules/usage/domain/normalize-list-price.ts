import { type FieldReader } from './field-access';
import { normalizeOrReject, reject } from './field-rejection';
import {
  assertAfter,
  assertNotNegative,
  readDecimal,
  readerFor,
  readText,
  readTimestamp,
  requireDecimal,
  requireText,
  requireTimestamp,
} from './field-values';
import type { ListPrice } from '../../pricebook/prices/list-price';
import type { Normalized } from './usage-record';

const DEFAULT_USAGE_UNIT = 'DBU';
const CURRENCY_PATTERN = /^[A-Za-z]{3}$/;
const PRICE_CODES = { invalid: 'invalid_price', outOfRange: 'invalid_price' };

/**
 * One exported row of `system.billing.list_prices` (nested JSON or flat CSV) as a ListPrice, or
 * the first reason it is refused. Prices are canonical decimal strings, never negative.
 * The currency is only checked for shape: whether the service bills in it is decided later.
 */
export function normalizeListPrice(raw: unknown): Normalized<ListPrice> {
  return normalizeOrReject((): ListPrice => {
    const fields = readerFor(raw, 'list price');
    const skuName = requireText(fields, 'sku_name', 'missing_sku');
    const cloud = requireText(fields, 'cloud', 'missing_cloud').toUpperCase();
    const currencyCode = readCurrency(fields, 'currency_code');
    const priceStartTime = requireTimestamp(fields, 'price_start_time');
    const priceEndTime = readTimestamp(fields, 'price_end_time');
    if (priceEndTime !== null) {
      assertAfter(priceStartTime, priceEndTime, 'price_start_time', 'price_end_time');
    }
    const defaultPrice = requireDecimal(fields, 'pricing.default', PRICE_CODES);
    const promotionalPrice = readPrice(fields, 'pricing.promotional.default');
    const effectiveListPrice = readPrice(fields, 'pricing.effective_list.default');
    assertNotNegative(defaultPrice, 'pricing.default', 'invalid_price');
    return {
      skuName,
      cloud,
      usageUnit: readText(fields, 'usage_unit') ?? DEFAULT_USAGE_UNIT,
      currencyCode,
      priceStartTime,
      priceEndTime,
      accountId: readText(fields, 'account_id'),
      defaultPrice,
      promotionalPrice,
      // Absent in older exports: the plain list price is then what is charged.
      effectiveListPrice: effectiveListPrice ?? defaultPrice,
      // Last: what the reads above did not take.
      extra: fields.rest(),
    };
  });
}

function readCurrency(fields: FieldReader, path: string): string {
  const code = readText(fields, path);
  if (code === null || !CURRENCY_PATTERN.test(code)) {
    return reject('invalid_currency', path, `${path} must be a 3-letter ISO 4217 code such as USD`);
  }
  return code.toUpperCase();
}

function readPrice(fields: FieldReader, path: string): string | null {
  const price = readDecimal(fields, path, PRICE_CODES);
  assertNotNegative(price, path, 'invalid_price');
  return price;
}
