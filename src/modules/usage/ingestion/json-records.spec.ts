import { DomainError } from '../../../shared/errors/domain-error';
import { PRECISE_JSON_KEYS } from '../domain/decimal-fields';
import { parseJsonRecords, UndecodableRecord } from './json-records';

const read = (body: string, max = 10) => {
  const records = parseJsonRecords(Buffer.from(body), 'records', PRECISE_JSON_KEYS, max);
  return Array.from({ length: records.length }, (_, i) => records.at(i));
};

const codeOf = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof DomainError ? `${error.status} ${error.code}` : 'not a DomainError';
  }
};

describe('parseJsonRecords', () => {
  it('gives the records with their decimals exact, whether read one by one or parsed whole', () => {
    const records = [
      { record_id: 'é-1', usage_quantity: '1.123456789012345678' },
      { n: [1, { x: null }] },
    ];
    const exact =
      '[{"record_id": "é-1", "usage_quantity": 1.123456789012345678}, {"n": [1, {"x": null}]}]';
    // The exact shape, read record by record, spaced in any way JSON allows.
    expect(read(`{"records": ${exact}}`)).toEqual(records);
    expect(read(`\n {\n "records" :\n ${exact} \n}\n`)).toEqual(records);
    // Valid JSON of another shape (the key twice: the last one counts) is parsed whole.
    expect(read(`{"records": [], "records": ${exact}}`)).toEqual(records);
  });

  it('refuses a record that is not JSON with 400 malformed_json, as a whole parse would', () => {
    expect(codeOf(() => read('{"records": [{"a": 1}, {"a": }]}'))).toBe('400 malformed_json');
    expect(codeOf(() => read('{"records": [{"a": 1}, {"a": 1]}'))).toBe('400 malformed_json');
    expect(codeOf(() => read('{"records": [1, 2'))).toBe('400 malformed_json');
  });

  it('refuses too many records with 413 and any other shape with its reason', () => {
    expect(codeOf(() => read('{"records": [1, 2, 3]}', 2))).toBe('413 too_many_records');
    // Malformed JSON is said first, however many records the body holds.
    expect(codeOf(() => read('{"records": [1, 2, 3, tru]}', 2))).toBe('400 malformed_json');
    expect(codeOf(() => read('{"records": [1], "other": 2}'))).toBe('400 validation_failed');
    expect(codeOf(() => read('{"records": {}}'))).toBe('400 validation_failed');
    expect(codeOf(() => read('[]'))).toBe('400 invalid_body');
    expect(codeOf(() => read(''))).toBe('400 empty_body');
  });

  it('gives a record whose bytes are not UTF-8 as an UndecodableRecord, the others as they are', () => {
    const body = Buffer.concat([
      Buffer.from('{"records": [{"id": "a"}, {"id": "b'),
      Buffer.from([0xff, 0xfe, 0xc0, 0x80]),
      Buffer.from('"}, {"id": "é"}]}'),
    ]);
    const records = parseJsonRecords(body, 'records', PRECISE_JSON_KEYS, 10);
    expect(records.length).toBe(3);
    expect(records.at(0)).toEqual({ id: 'a' });
    expect(records.at(1)).toBeInstanceOf(UndecodableRecord);
    expect(records.at(2)).toEqual({ id: 'é' });
  });

  it('refuses a body parsed whole that is not UTF-8 with 400 invalid_encoding', () => {
    const body = Buffer.concat([
      Buffer.from('{"records": [], "records": [{"id": "'),
      Buffer.from([0xff]),
      Buffer.from('"}]}'),
    ]);
    expect(codeOf(() => parseJsonRecords(body, 'records', PRECISE_JSON_KEYS, 10))).toBe(
      '400 invalid_encoding',
    );
  });
});
