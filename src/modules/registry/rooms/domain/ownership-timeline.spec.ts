import { ownerAt, ownershipSpans } from './ownership-timeline';

const ACME = 'acme';
const GLOBEX = 'globex';
const at = (iso: string) => new Date(iso);

// Acme owns the room from June; Globex takes it over on 2025-06-15 12:00 UTC.
const history = [
  { customerId: GLOBEX, effectiveFrom: at('2025-06-15T12:00:00.000Z') },
  { customerId: ACME, effectiveFrom: at('2025-06-01T00:00:00.000Z') },
];

describe('ownerAt', () => {
  it.each([
    ['before the first ownership', '2025-05-31T23:59:59.999Z', null],
    ['exactly when the first ownership starts', '2025-06-01T00:00:00.000Z', ACME],
    ['during the first ownership', '2025-06-10T08:00:00.000Z', ACME],
    ['one millisecond before the handover', '2025-06-15T11:59:59.999Z', ACME],
    ['exactly at the handover', '2025-06-15T12:00:00.000Z', GLOBEX],
    ['long after the handover', '2026-01-01T00:00:00.000Z', GLOBEX],
  ])('%s → %s', (_label, instant, expected) => {
    expect(ownerAt(history, at(instant))).toBe(expected);
  });

  it('has no owner for a room without ownerships', () => {
    expect(ownerAt([], at('2025-06-01T00:00:00.000Z'))).toBeNull();
  });
});

describe('ownershipSpans', () => {
  it('orders ownerships and closes each where the next begins', () => {
    expect(ownershipSpans(history)).toEqual([
      {
        customerId: ACME,
        effectiveFrom: at('2025-06-01T00:00:00.000Z'),
        effectiveTo: at('2025-06-15T12:00:00.000Z'),
      },
      { customerId: GLOBEX, effectiveFrom: at('2025-06-15T12:00:00.000Z'), effectiveTo: null },
    ]);
  });
});
