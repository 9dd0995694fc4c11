import { formatDocumentNumber } from './document-number';
import { canMove } from './invoice-status';

describe('formatDocumentNumber', () => {
  it.each([
    ['INV', 2026, '1', 'INV-2026-000001'],
    ['CN', 2027, '123456', 'CN-2027-123456'],
    ['INV', 2026, '1234567', 'INV-2026-1234567'],
  ] as const)('%s %i %s -> %s', (series, year, value, expected) => {
    expect(formatDocumentNumber(series, year, value)).toBe(expected);
  });

  it.each(['0', '-1', '1.5', '007', ''])('refuses %j: not a positive integer', (value) => {
    expect(() => formatDocumentNumber('INV', 2026, value)).toThrow(RangeError);
  });
});

describe('invoice status moves', () => {
  it.each([
    ['draft', 'finalized', true],
    ['draft', 'paid', false],
    ['finalized', 'paid', true],
    ['finalized', 'draft', false],
    ['uncollectible', 'paid', true],
    ['paid', 'void', false],
    ['void', 'paid', false],
  ] as const)('%s -> %s: %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });
});
