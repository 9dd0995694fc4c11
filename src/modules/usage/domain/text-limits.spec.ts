import fc from 'fast-check';
import {
  EVENT_TEXT_LIMITS,
  exceedsBytes,
  KEY_BYTES,
  PRICE_TEXT_LIMITS,
  TEXT_BYTES,
  USAGE_TEXT_LIMITS,
} from './text-limits';

describe('exceedsBytes', () => {
  it.each<[string, number, boolean]>([
    ['', 0, false],
    ['abc', 3, false],
    ['abcd', 3, true],
    // é is 2 bytes, € 3, 😀 (two UTF-16 units) 4.
    ['éé', 4, false],
    ['éé', 3, true],
    ['€', 3, false],
    ['€€', 5, true],
    ['😀', 4, false],
    ['😀', 3, true],
    ['a😀', 5, false],
  ])('%j over %p bytes: %p', (text, bytes, exceeds) => {
    expect(exceedsBytes(text, bytes)).toBe(exceeds);
  });

  it('agrees with the UTF-8 byte count for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat(160), (text, bytes) => {
        expect(exceedsBytes(text, bytes)).toBe(Buffer.byteLength(text, 'utf8') > bytes);
      }),
    );
  });
});

describe('the text limits', () => {
  it('keep every indexed key well below the ~2,700 bytes a B-tree entry holds', () => {
    const bytes = (limits: typeof USAGE_TEXT_LIMITS, ...paths: string[]) =>
      paths.reduce((sum, path) => sum + (limits.fields.get(path) ?? limits.other), 0);
    // usage_records' key and ingest_conflicts' key (`id/type`), usage_hourly's key.
    expect(bytes(USAGE_TEXT_LIMITS, 'record_id', 'record_type')).toBeLessThan(1_200);
    expect(
      bytes(USAGE_TEXT_LIMITS, 'usage_metadata.central_clean_room_id', 'sku_name'),
    ).toBeLessThan(1_200);
    // list_prices' key (and the conflict key made of the same texts).
    expect(bytes(PRICE_TEXT_LIMITS, 'sku_name', 'cloud', 'usage_unit')).toBeLessThan(1_700);
    // clean_room_events' key, clean_room_runs' key (room, run).
    expect(
      bytes(EVENT_TEXT_LIMITS, 'central_clean_room_id', 'run_notebook_started_metadata.run_id'),
    ).toBeLessThan(1_200);
    expect(bytes(EVENT_TEXT_LIMITS, 'event_id')).toBe(KEY_BYTES);
  });

  it('let any text of a third of the smallest limit through without counting', () => {
    for (const limits of [USAGE_TEXT_LIMITS, PRICE_TEXT_LIMITS, EVENT_TEXT_LIMITS]) {
      expect(limits.alwaysFits).toBe(Math.floor(KEY_BYTES / 3));
      expect(limits.other).toBe(TEXT_BYTES);
    }
  });
});
