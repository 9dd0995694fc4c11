/**
 * FOCUS 1.2 (FinOps Open Cost and Usage Specification, ratified 29 May 2025), Cost and Usage
 * dataset: its 57 columns in the specification's order (the spec presents columns
 * alphabetically by column ID), each with the feature level and data type the spec gives it,
 * and how GET /v1/reports/focus fills it. docs/focus.md says what goes in each column and why.
 *
 * Sources:
 * - Column set and feature levels: the FOCUS 1.2 requirements model, presence rules
 *   CostAndUsage-D-003 … D-068 (finopsfoundation/focus_validator,
 *   focus_validator/rules/model-1.2.json, commit 4cbf47300739ea4faaeef765f0a242c20e2aa658):
 *   unconditional MUST = Mandatory, unconditional RECOMMENDED = Recommended, anything gated on a
 *   provider capability = Conditional (AvailabilityZone is RECOMMENDED when availability zones
 *   are supported; its column page lists it as Recommended).
 * - Data types and value formats: the column pages in FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec,
 *   specification/columns/*.md ("Content Constraints").
 * - `addedIn`: FOCUS_Spec CHANGELOG.md (1.1) and the pages' "Introduced (version)" (1.2); only
 *   columns newer than 1.0 carry it.
 */

export const FOCUS_VERSION = '1.2';

export type FocusFeatureLevel = 'Mandatory' | 'Recommended' | 'Conditional';

/**
 * The spec's data type. `json` is a JSON object serialized as text; in CSV every value is text,
 * decimals in plain notation and date/times as `YYYY-MM-DDTHH:mm:ssZ` (UTC).
 */
export type FocusDataType = 'string' | 'decimal' | 'datetime' | 'json';

/** The spec's value format where it names one beyond the data type. */
export type FocusValueFormat = 'currency' | 'unit' | 'key-value' | 'allowed-values';

/**
 * How the export fills a column: `every-row` never null; `some-rows` null on the rows
 * docs/focus.md names (fee rows have no room, corrections no SKU, …); `omitted` not in the file
 * because the column's condition does not hold for this service.
 */
export type FocusFill = 'every-row' | 'some-rows' | 'omitted';

export interface FocusColumn {
  readonly name: string;
  readonly level: FocusFeatureLevel;
  readonly type: FocusDataType;
  readonly format?: FocusValueFormat;
  /** Only for columns added after FOCUS 1.0. */
  readonly addedIn?: '1.1' | '1.2';
  readonly fill: FocusFill;
}

export const FOCUS_COLUMNS = [
  { name: 'AvailabilityZone', level: 'Recommended', type: 'string', fill: 'omitted' },
  { name: 'BilledCost', level: 'Mandatory', type: 'decimal', fill: 'every-row' },
  { name: 'BillingAccountId', level: 'Mandatory', type: 'string', fill: 'every-row' },
  { name: 'BillingAccountName', level: 'Mandatory', type: 'string', fill: 'every-row' },
  {
    name: 'BillingAccountType',
    level: 'Conditional',
    type: 'string',
    addedIn: '1.2',
    fill: 'omitted',
  },
  {
    name: 'BillingCurrency',
    level: 'Mandatory',
    type: 'string',
    format: 'currency',
    fill: 'every-row',
  },
  { name: 'BillingPeriodEnd', level: 'Mandatory', type: 'datetime', fill: 'every-row' },
  { name: 'BillingPeriodStart', level: 'Mandatory', type: 'datetime', fill: 'every-row' },
  {
    name: 'CapacityReservationId',
    level: 'Conditional',
    type: 'string',
    addedIn: '1.1',
    fill: 'omitted',
  },
  {
    name: 'CapacityReservationStatus',
    level: 'Conditional',
    type: 'string',
    format: 'allowed-values',
    addedIn: '1.1',
    fill: 'omitted',
  },
  {
    name: 'ChargeCategory',
    level: 'Mandatory',
    type: 'string',
    format: 'allowed-values',
    fill: 'every-row',
  },
  {
    name: 'ChargeClass',
    level: 'Mandatory',
    type: 'string',
    format: 'allowed-values',
    fill: 'some-rows',
  },
  { name: 'ChargeDescription', level: 'Mandatory', type: 'string', fill: 'every-row' },
  {
    name: 'ChargeFrequency',
    level: 'Recommended',
    type: 'string',
    format: 'allowed-values',
    fill: 'every-row',
  },
  { name: 'ChargePeriodEnd', level: 'Mandatory', type: 'datetime', fill: 'every-row' },
  { name: 'ChargePeriodStart', level: 'Mandatory', type: 'datetime', fill: 'every-row' },
  {
    name: 'CommitmentDiscountCategory',
    level: 'Conditional',
    type: 'string',
    format: 'allowed-values',
    fill: 'omitted',
  },
  { name: 'CommitmentDiscountId', level: 'Conditional', type: 'string', fill: 'omitted' },
  { name: 'CommitmentDiscountName', level: 'Conditional', type: 'string', fill: 'omitted' },
  {
    name: 'CommitmentDiscountQuantity',
    level: 'Conditional',
    type: 'decimal',
    addedIn: '1.1',
    fill: 'omitted',
  },
  {
    name: 'CommitmentDiscountStatus',
    level: 'Conditional',
    type: 'string',
    format: 'allowed-values',
    fill: 'omitted',
  },
  { name: 'CommitmentDiscountType', level: 'Conditional', type: 'string', fill: 'omitted' },
  {
    name: 'CommitmentDiscountUnit',
    level: 'Conditional',
    type: 'string',
    format: 'unit',
    addedIn: '1.1',
    fill: 'omitted',
  },
  { name: 'ConsumedQuantity', level: 'Conditional', type: 'decimal', fill: 'some-rows' },
  {
    name: 'ConsumedUnit',
    level: 'Conditional',
    type: 'string',
    format: 'unit',
    fill: 'some-rows',
  },
  { name: 'ContractedCost', level: 'Mandatory', type: 'decimal', fill: 'every-row' },
  { name: 'ContractedUnitPrice', level: 'Conditional', type: 'decimal', fill: 'omitted' },
  { name: 'EffectiveCost', level: 'Mandatory', type: 'decimal', fill: 'every-row' },
  { name: 'InvoiceId', level: 'Recommended', type: 'string', addedIn: '1.2', fill: 'every-row' },
  { name: 'InvoiceIssuerName', level: 'Mandatory', type: 'string', fill: 'every-row' },
  { name: 'ListCost', level: 'Mandatory', type: 'decimal', fill: 'every-row' },
  { name: 'ListUnitPrice', level: 'Conditional', type: 'decimal', fill: 'omitted' },
  {
    name: 'PricingCategory',
    level: 'Conditional',
    type: 'string',
    format: 'allowed-values',
    fill: 'omitted',
  },
  {
    name: 'PricingCurrency',
    level: 'Conditional',
    type: 'string',
    format: 'currency',
    addedIn: '1.2',
    fill: 'omitted',
  },
  {
    name: 'PricingCurrencyContractedUnitPrice',
    level: 'Conditional',
    type: 'decimal',
    addedIn: '1.2',
    fill: 'omitted',
  },
  {
    name: 'PricingCurrencyEffectiveCost',
    level: 'Conditional',
    type: 'decimal',
    addedIn: '1.2',
    fill: 'omitted',
  },
  {
    name: 'PricingCurrencyListUnitPrice',
    level: 'Conditional',
    type: 'decimal',
    addedIn: '1.2',
    fill: 'omitted',
  },
  { name: 'PricingQuantity', level: 'Mandatory', type: 'decimal', fill: 'some-rows' },
  { name: 'PricingUnit', level: 'Mandatory', type: 'string', format: 'unit', fill: 'some-rows' },
  { name: 'ProviderName', level: 'Mandatory', type: 'string', fill: 'every-row' },
  { name: 'PublisherName', level: 'Mandatory', type: 'string', fill: 'every-row' },
  { name: 'RegionId', level: 'Conditional', type: 'string', fill: 'omitted' },
  { name: 'RegionName', level: 'Conditional', type: 'string', fill: 'omitted' },
  { name: 'ResourceId', level: 'Conditional', type: 'string', fill: 'some-rows' },
  { name: 'ResourceName', level: 'Conditional', type: 'string', fill: 'some-rows' },
  { name: 'ResourceType', level: 'Conditional', type: 'string', fill: 'some-rows' },
  {
    name: 'ServiceCategory',
    level: 'Mandatory',
    type: 'string',
    format: 'allowed-values',
    fill: 'every-row',
  },
  { name: 'ServiceName', level: 'Mandatory', type: 'string', fill: 'every-row' },
  {
    name: 'ServiceSubcategory',
    level: 'Recommended',
    type: 'string',
    format: 'allowed-values',
    addedIn: '1.1',
    fill: 'every-row',
  },
  { name: 'SkuId', level: 'Conditional', type: 'string', fill: 'some-rows' },
  { name: 'SkuMeter', level: 'Conditional', type: 'string', addedIn: '1.1', fill: 'some-rows' },
  // Its column page says String in Key-Value Format, Tags' says JSON: serialized objects both.
  {
    name: 'SkuPriceDetails',
    level: 'Conditional',
    type: 'string',
    format: 'key-value',
    addedIn: '1.1',
    fill: 'some-rows',
  },
  { name: 'SkuPriceId', level: 'Conditional', type: 'string', fill: 'some-rows' },
  { name: 'SubAccountId', level: 'Conditional', type: 'string', fill: 'some-rows' },
  { name: 'SubAccountName', level: 'Conditional', type: 'string', fill: 'some-rows' },
  {
    name: 'SubAccountType',
    level: 'Conditional',
    type: 'string',
    addedIn: '1.2',
    fill: 'omitted',
  },
  { name: 'Tags', level: 'Conditional', type: 'json', format: 'key-value', fill: 'some-rows' },
] as const satisfies readonly FocusColumn[];

export type FocusColumnName = (typeof FOCUS_COLUMNS)[number]['name'];

/** The columns the export writes, in spec order. */
type ExportedFocusColumn = Extract<
  (typeof FOCUS_COLUMNS)[number],
  { readonly fill: 'every-row' | 'some-rows' }
>;
export type ExportedFocusColumnName = ExportedFocusColumn['name'];

export interface FocusCustomColumn {
  /** FOCUS column handling: custom columns take the `x_` prefix and follow the FOCUS ones. */
  readonly name: `x_${string}`;
  readonly type: FocusDataType;
  readonly fill: Exclude<FocusFill, 'omitted'>;
}

export const FOCUS_CUSTOM_COLUMNS = [
  /** The invoice line the row comes from (its breakdown reaches usage); null on credit notes. */
  { name: 'x_InvoiceLineId', type: 'string', fill: 'some-rows' },
  /** `partner` or `customer`: who triggered the runs behind a usage row; null on other rows. */
  { name: 'x_Trigger', type: 'string', fill: 'some-rows' },
  /** YYYY-MM of the period a correction row corrects; null on other rows. */
  { name: 'x_CorrectsPeriod', type: 'string', fill: 'some-rows' },
  /** Number of the invoice a correction row corrects (or a credit note reduces); null on others. */
  { name: 'x_CorrectsInvoiceId', type: 'string', fill: 'some-rows' },
] as const satisfies readonly FocusCustomColumn[];

export type FocusCustomColumnName = (typeof FOCUS_CUSTOM_COLUMNS)[number]['name'];

/** The CSV header: the FOCUS columns the export fills, in spec order, then the custom columns. */
export const FOCUS_EXPORT_HEADER: readonly (ExportedFocusColumnName | FocusCustomColumnName)[] = [
  ...FOCUS_COLUMNS.filter((column): column is ExportedFocusColumn => column.fill !== 'omitted').map(
    (column) => column.name,
  ),
  ...FOCUS_CUSTOM_COLUMNS.map((column) => column.name),
];
