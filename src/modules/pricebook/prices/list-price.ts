/**
 * One row of Databricks `system.billing.list_prices`, normalised (by usage's ingestion, which
 * parses the export): what ListPriceRecorder stores in the price book.
 */
export interface ListPrice {
  readonly skuName: string;
  /** Upper case. */
  readonly cloud: string;
  readonly usageUnit: string;
  /** ISO-4217, upper case. */
  readonly currencyCode: string;
  readonly priceStartTime: Date;
  /** Exclusive; null while the price is current. */
  readonly priceEndTime: Date | null;
  readonly accountId: string | null;
  /** pricing.default: decimal string. */
  readonly defaultPrice: string;
  /** pricing.promotional.default, null when no promotion. */
  readonly promotionalPrice: string | null;
  /** pricing.effective_list.default: the price used for list cost (falls back to pricing.default). */
  readonly effectiveListPrice: string;
  readonly extra: Readonly<Record<string, unknown>>;
}
