import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ERROR_CODES } from './error-codes';

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
    const listed = new Set<string>(ERROR_CODES);
    const missing = [...thrown].filter(([code]) => !listed.has(code));
    expect(missing).toEqual([]);
  });

  it('lists no code that src/ never uses', () => {
    const unused = ERROR_CODES.filter(
      (code) => !files.some((file) => file.text.includes(`'${code}'`)),
    );
    expect(unused).toEqual([]);
  });

  it('lists each code once', () => {
    expect(ERROR_CODES.length).toBe(new Set(ERROR_CODES).size);
  });
});
