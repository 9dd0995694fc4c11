import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { TABLE_OWNERS } from './table-owners';

// Issue 14, part 1: a module's SQL names only the tables it owns (owner map: table-owners.ts).

const root = join(__dirname, '..', '..', '..');
const tables = Object.keys(TABLE_OWNERS) as (keyof typeof TABLE_OWNERS)[];
const tableName = new RegExp(`\\b(${tables.join('|')})\\b`, 'g');
// A name counts as SQL when a keyword that takes a relation precedes it, or when a literal is
// the bare name (`@Entity('customers')`); route paths, imports and prose do not count.
const relationKeyword = /\b(FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE|USING)\s+(ONLY\s+)?$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function literalTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const texts: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      texts.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

function tablesNamed(text: string): string[] {
  if ((tables as string[]).includes(text.trim())) return [text.trim()];
  return [...text.matchAll(tableName)]
    .filter((match) => relationKeyword.test(text.slice(0, match.index)))
    .map((match) => match[1]);
}

/** Every (area, file, table) where an area's SQL names a table; areas are modules and shared/*. */
function tableReferences(): { area: string; file: string; table: keyof typeof TABLE_OWNERS }[] {
  const areas = ['modules', 'shared'].flatMap((kind) =>
    readdirSync(join(root, 'src', kind), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => ({
        area: kind === 'modules' ? entry.name : `shared/${entry.name}`,
        dir: join(root, 'src', kind, entry.name),
      })),
  );
  const found = new Set<string>();
  for (const { area, dir } of areas) {
    for (const path of sourceFiles(dir)) {
      const file = relative(root, path).split('\\').join('/');
      for (const text of literalTexts(path)) {
        for (const table of tablesNamed(text)) found.add(`${area} ${file} ${table}`);
      }
    }
  }
  return [...found].sort().map((line) => {
    const [area, file, table] = line.split(' ');
    return { area, file, table: table as keyof typeof TABLE_OWNERS };
  });
}

describe('table ownership (issue 14)', () => {
  const references = tableReferences();

  it('gives every table and view the migrations create exactly one owner', () => {
    const created = new Set<string>();
    const migrations = join(root, 'migrations');
    const create =
      /CREATE\s+(?:UNLOGGED\s+)?(?:TABLE|VIEW|MATERIALIZED\s+VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_]*)/g;
    for (const name of readdirSync(migrations).filter((file) => file.endsWith('.ts'))) {
      for (const match of readFileSync(join(migrations, name), 'utf8').matchAll(create)) {
        created.add(match[1]);
      }
    }
    expect([...created].sort()).toEqual([...tables].sort());
  });

  it('sees the owners’ own SQL (the scanner finds references)', () => {
    const owned = references.filter(({ area, table }) => TABLE_OWNERS[table] === area);
    expect(new Set(owned.map(({ area }) => area))).toEqual(
      new Set([
        'registry',
        'usage',
        'pricebook',
        'pricing',
        'invoicing',
        'payments',
        'fleet',
        'shared/auth',
      ]),
    );
  });

  it('finds no SQL naming another module’s table', () => {
    const violations = references
      .filter(({ area, table }) => TABLE_OWNERS[table] !== area)
      .map(({ file, table }) => `${file} ${table} (owner: ${TABLE_OWNERS[table]})`);
    expect(violations).toEqual([]);
  });
});
