import { formatDecimal } from '../../../shared/money/decimal';
import { minorUnits } from '../../../shared/money/currency';
import { tierAmountToJson, type TierAmountJson } from './charge-amount.serializer';
import type {
  CapOutcome,
  InformationLine,
  LineSource,
  RatedLine,
  RatingResult,
} from './rate-period';

export interface LineSourceJson {
  readonly roomId: string;
  readonly quantity: string;
}

export interface RatedLineJson {
  readonly segment: number;
  readonly kind: RatedLine['kind'];
  readonly chargeKey: string;
  readonly description: string;
  readonly basis: string;
  readonly model: string;
  readonly quantity: string;
  readonly unitPrice: string | null;
  readonly amount: string;
  readonly roundedAmount: string;
  readonly breakdown: TierAmountJson[];
  readonly rooms: LineSourceJson[];
}

export interface InformationLineJson {
  readonly segment: number;
  readonly kind: InformationLine['kind'];
  readonly description: string;
  readonly dbu: string;
  readonly cost: string;
  readonly rooms: LineSourceJson[];
}

export interface CapOutcomeJson {
  readonly segment: number;
  readonly measure: string;
  readonly policy: string;
  readonly cap: string;
  readonly used: string;
  /** used / cap in percent, two decimals. */
  readonly percent: string;
  readonly excess: string;
  readonly excessDbu: string;
  readonly status: string;
  readonly thresholdsReached: number[];
}

export interface RatingResultJson {
  readonly currency: string;
  readonly lines: RatedLineJson[];
  readonly information: InformationLineJson[];
  readonly caps: CapOutcomeJson[];
  readonly total: string;
}

/** A rating result for the wire: precise amounts in full, rounded ones at the minor unit. */
export function ratingResultToJson(result: RatingResult): RatingResultJson {
  const scale = minorUnits(result.currency);
  return {
    currency: result.currency,
    lines: result.lines.map((line) => ({
      segment: line.segment,
      kind: line.kind,
      chargeKey: line.chargeKey,
      description: line.description,
      basis: line.basis,
      model: line.model,
      quantity: formatDecimal(line.quantity),
      unitPrice: line.unitPrice === null ? null : formatDecimal(line.unitPrice),
      amount: formatDecimal(line.amount),
      roundedAmount: formatDecimal(line.roundedAmount, scale),
      breakdown: line.breakdown.map(tierAmountToJson),
      rooms: line.rooms.map(sourceToJson),
    })),
    information: result.information.map((item) => ({
      segment: item.segment,
      kind: item.kind,
      description: item.description,
      dbu: formatDecimal(item.dbu),
      cost: formatDecimal(item.cost),
      rooms: item.rooms.map(sourceToJson),
    })),
    caps: result.caps.map(capToJson),
    total: formatDecimal(result.total, scale),
  };
}

export function capToJson(outcome: CapOutcome): CapOutcomeJson {
  const { evaluation, definition } = outcome;
  return {
    segment: outcome.segment,
    measure: definition.measure,
    policy: definition.policy,
    cap: formatDecimal(evaluation.cap),
    used: formatDecimal(evaluation.used),
    percent: formatDecimal(evaluation.ratio.times(100), 2),
    excess: formatDecimal(evaluation.excess),
    excessDbu: formatDecimal(evaluation.excessDbu),
    status: evaluation.status,
    thresholdsReached: [...evaluation.thresholdsReached],
  };
}

const sourceToJson = (source: LineSource): LineSourceJson => ({
  roomId: source.roomId,
  quantity: formatDecimal(source.quantity),
});
