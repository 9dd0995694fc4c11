import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A worked pricing scenario of test/fixtures/pricing, computed by hand (see its handComputation). */
export interface PricingScenario {
  readonly name: string;
  readonly period: { readonly key: string; readonly start: string; readonly end: string };
  readonly world: {
    readonly listPrice: string;
    readonly partnerDiscount: string;
    readonly currency: string;
  };
  /** A plan version input (template and parameters), as POST /v1/plans takes it. */
  readonly plan: Record<string, unknown> & { readonly model: string; readonly currency: string };
  readonly usage: readonly {
    readonly room: string;
    readonly trigger: 'partner' | 'customer';
    readonly start: string;
    readonly dbu: string;
  }[];
  readonly handComputation: readonly string[];
  readonly aggregates: {
    readonly activeRooms: number;
    readonly rooms: readonly (Record<
      | 'partnerDbu'
      | 'partnerCost'
      | 'partnerListCost'
      | 'customerDbu'
      | 'customerListCost'
      | 'partnerRuns',
      string
    > & { readonly room: string })[];
  };
  readonly expected: {
    readonly lines: readonly (Record<string, unknown> & {
      readonly rooms: readonly { readonly room: string; readonly quantity: string }[];
    })[];
    readonly information: readonly Record<string, unknown>[];
    readonly caps: readonly Record<string, unknown>[];
    readonly total: string;
  };
}

export const PRICING_SCENARIOS = ['pass-through', 'bundled', 'hybrid'] as const;

export function loadPricingScenario(name: (typeof PRICING_SCENARIOS)[number]): PricingScenario {
  const path = join(__dirname, '..', 'fixtures', 'pricing', `${name}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as PricingScenario;
}

/**
 * The expected lines with the scenario's room letters replaced by real room ids, in the order
 * the service lists rooms (by id).
 */
export function expectedLines(scenario: PricingScenario, roomIds: Record<string, string>) {
  return scenario.expected.lines.map((line) => ({
    ...line,
    rooms: line.rooms
      .map(({ room, quantity }) => ({ roomId: roomIds[room], quantity }))
      .sort((a, b) => (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0)),
  }));
}
