import { D, type Dec } from '../../../shared/money/decimal';
import { roundToMinorUnit } from '../../../shared/money/rounding';
import { isPeriodFeeBasis, type ChargeBasis } from './charge-basis';
import type { ChargeModelName } from './charge-definition';
import type { TierAmount } from './charge-model';
import { buildChargeModel } from './charge-model.factory';
import { evaluateCap, type CapEvaluation, type ExposureCap } from './exposure-cap';
import type { ExposureCapDefinition, PlanVersionTerms } from './plan-version-terms';
import { prorate } from './proration';
import { unitsOf, type RoomUsage, type SegmentUsage } from './usage-aggregates';

/** One part of a period under one plan version (see periodSegments), with its usage. */
export interface RatingSegment {
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  /** Share of the whole period; prorates period fees, minimums, maximums and the cap. */
  readonly factor: Dec;
  readonly planVersionId: string | null;
  readonly terms: PlanVersionTerms;
  readonly usage: SegmentUsage;
}

export interface RatingRequest {
  readonly currency: string;
  readonly segments: readonly RatingSegment[];
}

/** A room behind a line, with the part of the line's quantity it accounts for. */
export interface LineSource {
  readonly roomId: string;
  readonly quantity: Dec;
}

export interface RatedLine {
  /** Index of the segment in the request. */
  readonly segment: number;
  readonly kind: 'charge' | 'overage';
  readonly chargeKey: string;
  readonly description: string;
  readonly basis: ChargeBasis;
  readonly model: ChargeModelName;
  readonly quantity: Dec;
  /** The one unit price the amount is made of, or null when tiers or adjustments make it up. */
  readonly unitPrice: Dec | null;
  /** Full precision. */
  readonly amount: Dec;
  /** Half-up to the currency's minor unit: what the invoice adds up. */
  readonly roundedAmount: Dec;
  readonly breakdown: readonly TierAmount[];
  readonly rooms: readonly LineSource[];
}

/** Shown on the statement, never in the total. */
export interface InformationLine {
  readonly segment: number;
  /** `customer_compute`: paid by the customer to Databricks; `absorbed_compute`: beyond the cap, kept by the partner. */
  readonly kind: 'customer_compute' | 'absorbed_compute';
  readonly description: string;
  readonly dbu: Dec;
  readonly cost: Dec;
  readonly rooms: readonly LineSource[];
}

export interface CapOutcome {
  readonly segment: number;
  readonly definition: ExposureCapDefinition;
  /** The cap for the segment: the period's cap times the segment's factor. */
  readonly evaluation: CapEvaluation;
}

export interface RatingResult {
  readonly currency: string;
  readonly lines: readonly RatedLine[];
  readonly information: readonly InformationLine[];
  readonly caps: readonly CapOutcome[];
  /** Σ rounded line amounts, so the statement always adds up. */
  readonly total: Dec;
}

const SIMPLE_ENTRY_KINDS = new Set<TierAmount['kind']>([
  'flat',
  'per_unit',
  'percentage',
  'package',
]);

/**
 * The one rating code path (upcoming invoice, invoice, quote, simulation): every charge of every
 * segment priced by its model on the segment's usage, period fees prorated by the segment's
 * factor, the bundled cap applied per its policy, each line rounded once.
 */
export function ratePeriod(request: RatingRequest): RatingResult {
  const lines: RatedLine[] = [];
  const information: InformationLine[] = [];
  const caps: CapOutcome[] = [];
  request.segments.forEach((segment, index) => {
    if (segment.terms.currency !== request.currency) {
      throw new RangeError(
        `Segment ${index} is priced in ${segment.terms.currency}, the invoice in ${request.currency}`,
      );
    }
    for (const charge of segment.terms.charges) {
      lines.push(rateCharge(request.currency, index, segment, charge));
    }
    const customer = segment.usage.totals;
    if (!customer.customerDbu.isZero() || !customer.customerListCost.isZero()) {
      information.push({
        segment: index,
        kind: 'customer_compute',
        description: 'Compute you ran, paid by you to Databricks (not in the total)',
        dbu: customer.customerDbu,
        cost: customer.customerListCost,
        rooms: sources(segment.usage.rooms, (room) => room.customerDbu),
      });
    }
    const cap = segment.terms.exposureCap;
    if (cap) {
      const outcome = applyCap(request.currency, index, segment, cap);
      caps.push(outcome.cap);
      if (outcome.line) lines.push(outcome.line);
      if (outcome.absorbed) information.push(outcome.absorbed);
    }
  });
  const total = lines.reduce((sum, line) => sum.plus(line.roundedAmount), new D(0));
  return { currency: request.currency, lines, information, caps, total };
}

function rateCharge(
  currency: string,
  index: number,
  segment: RatingSegment,
  charge: PlanVersionTerms['charges'][number],
): RatedLine {
  const model = buildChargeModel(charge.pricing, {
    prorationFactor: segment.factor,
    prorateAmount: isPeriodFeeBasis(charge.basis),
  });
  const quantity = unitsOf(charge.basis, segment.usage.totals, segment.usage.activeRooms);
  const priced = model.price(quantity);
  return {
    segment: index,
    kind: 'charge',
    chargeKey: charge.key,
    description: charge.description,
    basis: charge.basis,
    model: charge.pricing.model,
    quantity,
    unitPrice: singleUnitPrice(priced.breakdown),
    amount: priced.amount,
    roundedAmount: roundToMinorUnit(priced.amount, currency),
    breakdown: priced.breakdown,
    rooms: roomsOf(charge.basis, segment.usage.rooms),
  };
}

function applyCap(
  currency: string,
  index: number,
  segment: RatingSegment,
  definition: ExposureCapDefinition,
): { cap: CapOutcome; line?: RatedLine; absorbed?: InformationLine } {
  const cap: ExposureCap = {
    measure: definition.measure,
    amount: prorate(new D(definition.amount), segment.factor),
    policy: definition.policy,
    overagePrice:
      definition.overagePrice === undefined ? undefined : new D(definition.overagePrice),
  };
  const totals = segment.usage.totals;
  const evaluation = evaluateCap(cap, { dbu: totals.partnerDbu, cost: totals.partnerCost });
  const outcome = { cap: { segment: index, definition, evaluation } };
  if (evaluation.excessDbu.isZero()) return outcome;
  const rooms = sources(segment.usage.rooms, (room) => room.partnerDbu);
  if (cap.policy === 'overage' && cap.overagePrice !== undefined) {
    const amount = evaluation.excessDbu.times(cap.overagePrice);
    return {
      ...outcome,
      line: {
        segment: index,
        kind: 'overage',
        chargeKey: 'exposure_overage',
        description: 'Compute beyond the exposure cap, per DBU',
        basis: 'partner_dbu',
        model: 'per_unit',
        quantity: evaluation.excessDbu,
        unitPrice: cap.overagePrice,
        amount,
        roundedAmount: roundToMinorUnit(amount, currency),
        breakdown: [
          {
            kind: 'per_unit',
            units: evaluation.excessDbu,
            unitPrice: cap.overagePrice,
            flatFee: new D(0),
            amount,
          },
        ],
        rooms,
      },
    };
  }
  // A cost cap's excess is already the absorbed cost; going through DBU and back would leave it
  // a repeating decimal cut at the precision (34.2 shown as 34.1999…).
  const absorbedCost =
    cap.measure === 'cost'
      ? evaluation.excess
      : totals.partnerDbu.isZero()
        ? new D(0)
        : totals.partnerCost.times(evaluation.excessDbu).div(totals.partnerDbu);
  return {
    ...outcome,
    absorbed: {
      segment: index,
      kind: 'absorbed_compute',
      description: 'Compute beyond the exposure cap, absorbed by the partner (not in the total)',
      dbu: evaluation.excessDbu,
      cost: absorbedCost,
      rooms,
    },
  };
}

/** The unit price a line is "quantity x" of, when one simple entry makes up the amount. */
function singleUnitPrice(breakdown: readonly TierAmount[]): Dec | null {
  const priced = breakdown.filter((entry) => entry.kind !== 'included');
  if (priced.length !== 1 || !SIMPLE_ENTRY_KINDS.has(priced[0].kind)) return null;
  // A flat fee is "1 x the fee".
  return priced[0].kind === 'flat' ? priced[0].flatFee : priced[0].unitPrice;
}

function roomsOf(basis: ChargeBasis, rooms: readonly RoomUsage[]): LineSource[] {
  if (basis === 'subscription') return [];
  if (basis === 'room') return rooms.map((room) => ({ roomId: room.roomId, quantity: new D(1) }));
  return sources(rooms, (room) => unitsOf(basis, room, 0));
}

function sources(rooms: readonly RoomUsage[], pick: (room: RoomUsage) => Dec): LineSource[] {
  return rooms
    .map((room) => ({ roomId: room.roomId, quantity: pick(room) }))
    .filter((source) => !source.quantity.isZero());
}
