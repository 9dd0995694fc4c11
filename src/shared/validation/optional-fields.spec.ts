import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The names a file imports from `module` (`*` for a namespace import). */
function importsFrom(text: string, module: string): string[] {
  const quoted = `['"]${module.replace(/[/.]/g, '\\$&')}['"]`;
  const named = new RegExp(`import\\s+(?:type\\s+)?\\{([^}]*)\\}\\s*from\\s*${quoted}`, 'g');
  const namespace = new RegExp(`import\\s+\\*\\s+as\\s+\\w+\\s+from\\s*${quoted}`);
  const names = [...text.matchAll(named)].flatMap((match) =>
    match[1].split(',').map((name) => name.trim().split(/\s+as\s+/)[0]),
  );
  return namespace.test(text) ? [...names, '*'] : names;
}

/**
 * class-validator's IsOptional lets an explicit null through every check (and swagger's
 * PartialType adds it to each field): null then reaches the database as a value. Request DTOs use
 * the project's Optional and PatchType instead; these guards keep new ones from slipping back.
 */
describe('optional fields in request DTOs', () => {
  const files = sourceFiles(SRC).map((path) => ({
    path: relative(SRC, path),
    text: readFileSync(path, 'utf8'),
  }));

  it('finds the sources it guards', () => {
    expect(files.some((file) => file.path.endsWith('customer.dto.ts'))).toBe(true);
  });

  it('never imports IsOptional (or all of class-validator) directly', () => {
    const offenders = files
      .filter((file) =>
        importsFrom(file.text, 'class-validator').some((n) => n === 'IsOptional' || n === '*'),
      )
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });

  it('makes PATCH bodies with PatchType, never with PartialType directly', () => {
    const offenders = files
      .filter((file) => !file.path.endsWith(join('validation', 'patch-type.ts')))
      .filter((file) =>
        ['@nestjs/swagger', '@nestjs/mapped-types'].some((module) =>
          importsFrom(file.text, module).includes('PartialType'),
        ),
      )
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });
});
