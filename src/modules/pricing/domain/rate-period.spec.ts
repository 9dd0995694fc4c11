import { D } from '../../../shared/money/decimal';
import type { ExposureCapDefinition, PlanVersionTerms } from './plan-version-terms';
import { ratePeriod, type RatingSegment } from './rate-period';
import { NO_USAGE, sumUsage, type RoomUsage } from './usage-aggregates';

const room = (roomId: string, partnerDbu: string, partnerCost = '0'): RoomUsage => ({
  ...NO_USAGE,
  roomId,
  partnerDbu: new D(partnerDbu),
  partnerCost: new D(partnerCost),
});

const bundled = (exposureCap: ExposureCapDefinition): PlanVersionTerms => ({
  model: 'bundled',
  currency: 'EUR',
  charges: [
    {
      key: 'subscription',
      description: 'Subscription',
      basis: 'subscription',
      pricing: { model: 'flat', amount: '900' },
    },
  ],
  exposureCap,
});

function segment(
  terms: PlanVersionTerms,
  rooms: RoomUsage[],
  factor = '1',
  from = '2032-03-01T00:00:00Z',
  to = '2032-04-01T00:00:00Z',
): RatingSegment {
  return {
    from: new Date(from),
    to: new Date(to),
    factor: new D(factor),
    planVersionId: null,
    terms,
    usage: { totals: sumUsage(rooms), activeRooms: rooms.length, rooms },
  };
}

describe('ratePeriod', () => {
  it('shows compute beyond an absorb cap as absorbed, at its partner cost, outside the total', () => {
    const cap = { measure: 'dbu', amount: '100', policy: 'absorb' } as const;
    const result = ratePeriod({
      currency: 'EUR',
      segments: [segment(bundled(cap), [room('r1', '90', '45'), room('r2', '30', '15')])],
    });
    expect(result.total.toString()).toBe('900');
    expect(result.lines.map((line) => line.chargeKey)).toEqual(['subscription']);
    // 20 DBU beyond the cap; partner cost 60 for 120 DBU, so 10 for the 20 absorbed.
    expect(result.information).toEqual([
      expect.objectContaining({ kind: 'absorbed_compute', dbu: new D(20), cost: new D(10) }),
    ]);
    expect(result.caps[0].evaluation.status).toBe('exceeded');
  });

  it('turns the budget blocked under the block policy and absorbs what ran beyond the cap', () => {
    const cap = { measure: 'cost', amount: '50', policy: 'block' } as const;
    const result = ratePeriod({
      currency: 'EUR',
      segments: [segment(bundled(cap), [room('r1', '100', '60')])],
    });
    expect(result.caps[0].evaluation.status).toBe('blocked');
    // 10 of 60 in cost is beyond the cap: 1/6 of the 100 DBU.
    expect(result.information[0].dbu.equals(new D(100).div(6))).toBe(true);
    expect(result.total.toString()).toBe('900');
  });

  it('absorbs exactly the excess of a cost cap, even when its DBU are a repeating decimal', () => {
    const cap = { measure: 'cost', amount: '5', policy: 'absorb' } as const;
    const result = ratePeriod({
      currency: 'EUR',
      segments: [segment(bundled(cap), [room('r1', '140', '39.2')])],
    });
    // 39.2 - 5 = 34.2 absorbed; in DBU 140 x 34.2 / 39.2 = 122.142857… (repeating).
    expect(result.information[0].cost.toString()).toBe('34.2');
    expect(result.information[0].dbu.toFixed(6)).toBe('122.142857');
  });

  it('prorates the cap and the fee of a segment that covers part of the period', () => {
    const cap = { measure: 'dbu', amount: '100', policy: 'overage', overagePrice: '2' } as const;
    const result = ratePeriod({
      currency: 'EUR',
      segments: [segment(bundled(cap), [room('r1', '60')], '0.25')],
    });
    // Cap 25 DBU for a quarter of the period: 35 DBU of overage at 2 = 70; fee 900 x 0.25 = 225.
    expect(result.lines.map((line) => [line.chargeKey, line.roundedAmount.toString()])).toEqual([
      ['subscription', '225'],
      ['exposure_overage', '70'],
    ]);
    expect(result.total.toString()).toBe('295');
  });

  it('counts active rooms for a per-room fee and names them on the line', () => {
    const terms: PlanVersionTerms = {
      model: 'custom',
      currency: 'JPY',
      charges: [
        {
          key: 'rooms',
          description: 'Per active room',
          basis: 'room',
          pricing: { model: 'per_unit', unitPrice: '1000.5' },
        },
      ],
      exposureCap: null,
    };
    const result = ratePeriod({
      currency: 'JPY',
      segments: [segment(terms, [room('r1', '1'), room('r2', '0')])],
    });
    // 2 rooms x 1000.5 = 2001 (no minor unit in JPY).
    expect(result.lines[0].rooms.map((source) => source.roomId)).toEqual(['r1', 'r2']);
    expect(result.lines[0].roundedAmount.toString()).toBe('2001');
  });

  it('refuses a segment priced in another currency than the invoice', () => {
    const cap = { measure: 'dbu', amount: '1', policy: 'absorb' } as const;
    expect(() => ratePeriod({ currency: 'USD', segments: [segment(bundled(cap), [])] })).toThrow(
      /priced in EUR, the invoice in USD/,
    );
  });
});
