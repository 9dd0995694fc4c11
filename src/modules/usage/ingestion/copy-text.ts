/**
 * One row in PostgreSQL COPY's text format: values separated by tabs, `\N` for null, a newline
 * at the end, and backslash escapes for the characters the format itself uses. A validated row
 * waits for its batch as this one flat string rather than as an array of a score of strings:
 * fewer objects for the garbage collector to copy and promote while the batch fills.
 */
export function copyLine(values: readonly (string | null)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    parts[i] = value === null ? NULL : NEEDS_ESCAPE.test(value) ? escape(value) : value;
  }
  // join() makes one flat string; `+=` would keep a rope of every part alive.
  return `${parts.join('\t')}\n`;
}

/** copyLine's inverse: the values of one line (its newline included). */
export function copyValues(line: string): (string | null)[] {
  const end = line.endsWith('\n') ? line.length - 1 : line.length;
  return line
    .slice(0, end)
    .split('\t')
    .map((field) => (field === NULL ? null : field.includes('\\') ? unescape(field) : field));
}

/** The first value of a line, without decoding the others. */
export function firstCopyValue(line: string): string | null {
  const tab = line.indexOf('\t');
  return copyValues(tab < 0 ? line : line.slice(0, tab))[0];
}

const NULL = '\\N';
const NEEDS_ESCAPE = /[\\\t\n\r]/;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

function escape(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]);
}

function unescape(field: string): string {
  return field.replace(/\\(.)/g, (escaped: string, c: string) => {
    const plain = UNESCAPES[c];
    if (plain === undefined) throw new Error(`not a copyLine escape: ${escaped}`);
    return plain;
  });
}
