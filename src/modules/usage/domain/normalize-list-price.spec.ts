import type { ListPrice } from '../../pricebook/prices/list-price';
import { normalizeListPrice } from './normalize-list-price';

const ACCOUNT = '0b8e4c2d-91aa-4f3e-b6d7-2c5e9f10a3b8';
const SKU = 'PREMIUM_DATABASE_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA';

// Row 3 of test/fixtures/databricks/list-prices.csv, as a CSV parser with `columns: true` gives it.
const CSV_ROW: Record<string, unknown> = {
  price_start_time: '2025-02-02T08:00:00.000Z',
  price_end_time: '2025-07-31T23:59:59.000Z',
  account_id: ACCOUNT,
  sku_name: SKU,
  cloud: 'AWS',
  currency_code: 'USD',
  usage_unit: 'DBU',
  'pricing.default': '0.400000000000000000',
  'pricing.promotional.default': '0.200000000000000000',
  'pricing.effective_list.default': '0.200000000000000000',
};

const PRICE: ListPrice = {
  skuName: SKU,
  cloud: 'AWS',
  usageUnit: 'DBU',
  currencyCode: 'USD',
  priceStartTime: new Date('2025-02-02T08:00:00.000Z'),
  priceEndTime: new Date('2025-07-31T23:59:59.000Z'),
  accountId: ACCOUNT,
  defaultPrice: '0.4',
  promotionalPrice: '0.2',
  effectiveListPrice: '0.2',
  extra: {},
};

// prettier-ignore
describe('normalizeListPrice: accepted rows', () => {
  it.each<[string, Record<string, unknown>, ListPrice]>([
    ['CSV sample row with a promotion', CSV_ROW, PRICE],
    [
      'CSV sample row, current price without promotion',
      {
        ...CSV_ROW,
        price_start_time: '2025-04-30T23:59:59.000Z',
        price_end_time: '',
        sku_name: 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA',
        'pricing.default': '0.350000000000000000',
        'pricing.promotional.default': '',
        'pricing.effective_list.default': '0.350000000000000000',
      },
      {
        ...PRICE,
        skuName: 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA',
        priceStartTime: new Date('2025-04-30T23:59:59.000Z'),
        priceEndTime: null,
        defaultPrice: '0.35',
        promotionalPrice: null,
        effectiveListPrice: '0.35',
      },
    ],
    [
      'nested JSON export, space timestamps, numbers quoted, unknown fields kept',
      {
        price_start_time: '2025-02-02 08:00:00.000+00:00',
        price_end_time: '2025-07-31 23:59:59.000+00:00',
        account_id: ACCOUNT,
        sku_name: SKU,
        cloud: 'aws',
        currency_code: 'usd',
        usage_unit: 'DBU',
        pricing: {
          default: '0.400000000000000000',
          promotional: { default: '0.200000000000000000' },
          effective_list: { default: '0.200000000000000000' },
          tiers: [{ upto: '100', price: '0.1' }],
        },
        price_change_reason: 'promo',
      },
      {
        ...PRICE,
        extra: { pricing: { tiers: [{ upto: '100', price: '0.1' }] }, price_change_reason: 'promo' },
      },
    ],
    [
      'no effective list price: falls back to the default, unit defaults to DBU',
      { ...CSV_ROW, usage_unit: '', 'pricing.effective_list.default': undefined },
      { ...PRICE, effectiveListPrice: '0.4' },
    ],
    [
      'zero and 18-decimal prices, a JSON number',
      { ...CSV_ROW, 'pricing.default': 0.5, 'pricing.promotional.default': '-0', 'pricing.effective_list.default': '0.000000000000000001' },
      { ...PRICE, defaultPrice: '0.5', promotionalPrice: '0', effectiveListPrice: '0.000000000000000001' },
    ],
  ])('%s', (_name, row, price) => {
    expect(normalizeListPrice(row)).toEqual({ ok: true, value: price });
  });
});

// prettier-ignore
describe('normalizeListPrice: rejections', () => {
  it.each<[string, unknown, string, string | null]>([
    // [name, row, code, field]
    ['not an object', 'price', 'invalid_record', null],
    ['no sku', { ...CSV_ROW, sku_name: '' }, 'missing_sku', 'sku_name'],
    ['no cloud', { ...CSV_ROW, cloud: '' }, 'missing_cloud', 'cloud'],
    ['no currency', { ...CSV_ROW, currency_code: '' }, 'invalid_currency', 'currency_code'],
    ['currency not 3 letters', { ...CSV_ROW, currency_code: 'US$' }, 'invalid_currency', 'currency_code'],
    ['currency too long', { ...CSV_ROW, currency_code: 'USDT' }, 'invalid_currency', 'currency_code'],
    ['no start', { ...CSV_ROW, price_start_time: '' }, 'invalid_timestamp', 'price_start_time'],
    ['end without zone', { ...CSV_ROW, price_end_time: '2025-07-31 23:59:59' }, 'invalid_timestamp', 'price_end_time'],
    ['end equal to start', { ...CSV_ROW, price_end_time: '2025-02-02T08:00:00Z' }, 'end_before_start', 'price_end_time'],
    ['end before start', { ...CSV_ROW, price_end_time: '2025-01-01T00:00:00Z' }, 'end_before_start', 'price_end_time'],
    ['no default price', { ...CSV_ROW, 'pricing.default': '' }, 'invalid_price', 'pricing.default'],
    ['negative default price', { ...CSV_ROW, 'pricing.default': '-0.4' }, 'invalid_price', 'pricing.default'],
    ['default price not a number', { ...CSV_ROW, 'pricing.default': 'free' }, 'invalid_price', 'pricing.default'],
    ['negative promotion', { ...CSV_ROW, 'pricing.promotional.default': '-0.1' }, 'invalid_price', 'pricing.promotional.default'],
    ['effective price with 19 decimals', { ...CSV_ROW, 'pricing.effective_list.default': '0.0000000000000000001' }, 'invalid_price', 'pricing.effective_list.default'],
    ['price with 21 integer digits', { ...CSV_ROW, 'pricing.default': '100000000000000000000' }, 'invalid_price', 'pricing.default'],
  ])('%s: %s', (_name, row, code, field) => {
    expect(normalizeListPrice(row)).toEqual({
      ok: false,
      rejection: { code, field, message: expect.any(String) },
    });
  });
});
