import type { ImportResponse } from '../modules/usage/imports/import.dto';
import { countProblems, formatReport } from './import-report';

const problem = (line: number, outcome: string, code: string) => ({
  line,
  recordId: null,
  outcome,
  code,
  message: 'm',
});

const summary = (overrides: Partial<ImportResponse> = {}): ImportResponse => ({
  id: '5f0c2b8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
  kind: 'usage',
  status: 'completed',
  fileName: 'usage.csv',
  lines: 12,
  accepted: 4,
  updated: 0,
  duplicates: 1,
  conflicts: 0,
  quarantined: 2,
  excluded: 1,
  rejected: 3,
  error: null,
  startedAt: '2025-06-01T00:00:00.000Z',
  finishedAt: '2025-06-01T00:00:01.000Z',
  problems: [
    problem(3, 'rejected', 'field_too_long'),
    problem(4, 'duplicate', 'duplicate'),
    problem(5, 'quarantined', 'unknown_room'),
    problem(9, 'rejected', 'field_too_long'),
    problem(2, 'rejected', 'invalid_encoding'),
    problem(11, 'quarantined', 'unknown_room'),
  ],
  problemsTruncated: false,
  ...overrides,
});

describe('countProblems', () => {
  it('counts the problems per code, most frequent first, then by code, with the first line', () => {
    expect(countProblems(summary().problems)).toEqual([
      { code: 'field_too_long', outcome: 'rejected', count: 2, firstLine: 3 },
      { code: 'unknown_room', outcome: 'quarantined', count: 2, firstLine: 5 },
      { code: 'duplicate', outcome: 'duplicate', count: 1, firstLine: 4 },
      { code: 'invalid_encoding', outcome: 'rejected', count: 1, firstLine: 2 },
    ]);
  });
});

describe('formatReport', () => {
  it('gives the counts that add up to the records, then the problems per code', () => {
    // 4 + 1 + 2 + 1 + 3 = 11 records in 12 lines (the header).
    expect(formatReport(summary(), '/v1/usage/imports')).toEqual([
      'import 5f0c2b8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f: completed, 11 records in 12 lines: 4 accepted, 1 duplicates, 2 quarantined, 1 excluded, 3 rejected',
      'problems by code:',
      '  field_too_long: 2 (rejected, first at line 3)',
      '  unknown_room: 2 (quarantined, first at line 5)',
      '  duplicate: 1 (duplicate, first at line 4)',
      '  invalid_encoding: 1 (rejected, first at line 2)',
      'each one, with its line and message: GET /v1/usage/imports/5f0c2b8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
    ]);
  });

  it('says when the problems listed are only the first ones, and why an import failed', () => {
    const lines = formatReport(
      summary({ status: 'failed', error: 'Stopped after line 12', problemsTruncated: true }),
      '/v1/usage/imports',
    );
    expect(lines[1]).toBe('  Stopped after line 12');
    expect(lines[2]).toBe(
      'problems by code, among the first 6 kept (the counts above are complete):',
    );
  });

  it('prints one line for a clean import', () => {
    expect(
      formatReport(
        summary({
          lines: 35_665,
          accepted: 35_664,
          duplicates: 0,
          quarantined: 0,
          excluded: 0,
          rejected: 0,
          problems: [],
        }),
        '/v1/usage/imports',
      ),
    ).toEqual([
      'import 5f0c2b8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f: completed, 35,664 records in 35,665 lines: 35,664 accepted',
    ]);
  });
});
