import type { ExportedFocusColumnName, FocusCustomColumnName } from './focus-columns';

/** A column of the export's header: a FOCUS column the file carries, or a custom `x_` one. */
export type FocusHeaderName = ExportedFocusColumnName | FocusCustomColumnName;

/** One row of the export: every column of the header, null where the row has no value. */
export type FocusRow = Record<FocusHeaderName, string | null>;

/** FOCUS allowed values the export writes (FOCUS 1.2 column pages). */
export const CHARGE_CATEGORIES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'] as const;
export type ChargeCategory = (typeof CHARGE_CATEGORIES)[number];
export const CHARGE_FREQUENCIES = ['One-Time', 'Recurring', 'Usage-Based'] as const;
export type ChargeFrequency = (typeof CHARGE_FREQUENCIES)[number];

export const SERVICE_CATEGORY = 'Analytics';
export const DATABRICKS = 'Databricks';
/** ServiceName of compute the partner re-bills (`billing_origin_product = CLEAN_ROOM`). */
export const DATABRICKS_SERVICE = 'Databricks Clean Rooms';
export const SUBCATEGORY_DATABRICKS = 'Data Processing';
export const SUBCATEGORY_PARTNER = 'Other (Analytics)';
export const RUN_RESOURCE_TYPE = 'Clean Room Notebook Run';

/**
 * ISO 8601 extended in UTC without milliseconds, `YYYY-MM-DDTHH:mm:ssZ` (FOCUS date/time format).
 */
export function focusDateTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The start of the UTC hour `instant` lies in. */
export function hourOf(instant: Date): Date {
  const HOUR_MS = 3_600_000;
  return new Date(Math.floor(instant.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * A FOCUS key-value column: a JSON object of the given entries, keys in the order given, null
 * entries left out; null when none is left (FOCUS: no empty objects or placeholders).
 */
export function keyValue(entries: readonly (readonly [string, string | null])[]): string | null {
  const kept = entries.filter((entry): entry is readonly [string, string] => entry[1] !== null);
  return kept.length === 0 ? null : JSON.stringify(Object.fromEntries(kept));
}
