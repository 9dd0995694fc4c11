import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HttpException } from '@nestjs/common';
import { badRequest, conflict, DomainError, notFound, validationFailed } from './domain-error';
import { ERROR_CODE_NAMES, ERROR_CODES } from './error-codes';
import { toProblem } from './problem';

const SRC = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC)
  .filter((path) => !path.endsWith(join('errors', 'error-codes.ts')))
  .map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));

// The ways a code is thrown: the helpers, DomainError itself, a subclass's super(), the filter's.
const THROWN = /\b(?:badRequest|conflict|new DomainError|problem)\(\s*'([a-z0-9_]+)'/g;
const SUPER = /\bsuper\(\s*'([a-z0-9_]+)'/g;

function thrownCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of files) {
    const patterns = file.text.includes('extends DomainError') ? [THROWN, SUPER] : [THROWN];
    for (const pattern of patterns) {
      for (const [, code] of file.text.matchAll(pattern)) {
        found.set(code, [...(found.get(code) ?? []), file.path]);
      }
    }
  }
  return found;
}

/** The types check calls that pass a literal; this also catches codes that reach them otherwise. */
describe('ERROR_CODES', () => {
  const thrown = thrownCodes();

  it('finds the throws it guards', () => {
    expect(thrown.size).toBeGreaterThan(30);
    expect(thrown.get('import_interrupted')).toBeDefined();
  });

  it('lists every code thrown in src/ (add a new one to error-codes.ts)', () => {
    const listed = new Set<string>(ERROR_CODE_NAMES);
    const missing = [...thrown].filter(([code]) => !listed.has(code));
    expect(missing).toEqual([]);
  });

  it('lists no code that src/ never uses', () => {
    const unused = ERROR_CODE_NAMES.filter(
      (code) => !files.some((file) => file.text.includes(`'${code}'`)),
    );
    expect(unused).toEqual([]);
  });

  it('gives each code an HTTP error status and a title', () => {
    const invalid = Object.entries(ERROR_CODES).filter(
      ([, { status, title }]) =>
        !Number.isInteger(status) || status < 400 || status > 599 || title.trim() === '',
    );
    expect(invalid).toEqual([]);
  });
});

describe('the status and title of a code come from ERROR_CODES', () => {
  it.each([
    ['badRequest', badRequest('invalid_cursor', 'd'), 400],
    ['conflict', conflict('period_invoiced', 'd'), 409],
    ['notFound', notFound('Room', 'r1'), 404],
    ['validationFailed', validationFailed([]), 400],
    ['new DomainError', new DomainError('payments_disabled', 'd'), 503],
  ])('%s', (_, error, status) => {
    expect(error.status).toBe(status);
    expect({ status: error.status, title: error.title }).toEqual(ERROR_CODES[error.code]);
    expect(toProblem(error)).toMatchObject({ ...ERROR_CODES[error.code], code: error.code });
  });

  it('lets a helper fixed to one status take only the codes with that status', () => {
    // @ts-expect-error not_found is a 404
    expect(badRequest('not_found', 'd').status).toBe(404);
    // @ts-expect-error invalid_cursor is a 400
    expect(conflict('invalid_cursor', 'd').status).toBe(400);
  });

  it('answers an HTTP exception with the code of its status, or a fallback with its status', () => {
    expect(toProblem(new HttpException('gone', 405))).toMatchObject({
      code: 'method_not_allowed',
      ...ERROR_CODES.method_not_allowed,
    });
    expect(toProblem(new HttpException('teapot', 418))).toMatchObject({
      code: 'error',
      status: 418,
      title: ERROR_CODES.error.title,
    });
    expect(toProblem(new HttpException('down', 502))).toMatchObject({
      code: 'internal_error',
      status: 502,
      title: ERROR_CODES.internal_error.title,
      detail: 'An unexpected error occurred',
    });
  });
});
