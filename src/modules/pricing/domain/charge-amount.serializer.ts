import { D, type Dec, formatDecimal } from '../../../shared/money/decimal';
import type { ChargeAmount, TierAmount } from './charge-model';

/** Each decimal field as a string; distributed over the union, so each kind keeps its fields. */
type Jsonified<T> = T extends unknown
  ? { [K in keyof T]: T[K] extends Dec ? string : T[K] extends Dec | null ? string | null : T[K] }
  : never;

/** A TierAmount with every decimal as a full-precision plain string, for the wire and logs. */
export type TierAmountJson = Jsonified<TierAmount>;

export interface ChargeAmountJson {
  readonly amount: string;
  readonly breakdown: TierAmountJson[];
}

export function chargeAmountToJson(charge: ChargeAmount): ChargeAmountJson {
  return {
    amount: formatDecimal(charge.amount),
    breakdown: charge.breakdown.map(tierAmountToJson),
  };
}

export function tierAmountToJson(entry: TierAmount): TierAmountJson {
  const json: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) {
    json[key] = D.isDecimal(value) ? formatDecimal(value) : value;
  }
  return json as TierAmountJson;
}
