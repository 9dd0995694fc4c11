import {
  columnsOf,
  conflictKeyOf,
  UsageRow,
} from '../../src/modules/usage/ingestion/usage-columns';

/**
 * A fast-path row holds exactly what the reference path stores (`reference`: toRow of the
 * normalised record): the same columns and hashes, conflict key and start.
 */
export function expectRowAsReference(row: UsageRow, reference: (string | null)[] | null): void {
  expect(reference).not.toBeNull();
  expect(columnsOf(row)).toEqual(reference);
  expect([row.contentHash, row.keyHash]).toEqual(reference?.slice(20));
  expect(conflictKeyOf(row)).toBe(`${reference?.[0]}/${reference?.[1]}`);
  expect(row.startMs).toBe(Date.parse(String(reference?.[2])));
}
