/**
 * JSON.parse reads every number as a float: a decimal(38,18) DBU such as
 * 12345.123456789012345678 comes out with only ~16 significant digits, and an id above 2^53
 * comes out as a neighbouring integer. Quoting those numbers in the text before parsing keeps
 * every digit; the normalisers accept decimal strings.
 */

/**
 * Keys whose numbers Databricks exports with more precision than a float holds: the decimal
 * columns (nested `default` under `pricing`, or flattened `pricing.default`) and the numeric
 * looking ids. A key matches wherever it appears, so an unknown field called `default` is
 * quoted too; the normalisers read it as a string either way.
 */
export const PRECISE_JSON_KEYS: readonly string[] = [
  'usage_quantity',
  'default',
  'pricing.default',
  'pricing.promotional.default',
  'pricing.effective_list.default',
  'duration_in_seconds',
  'workspace_id',
  'job_id',
  'job_run_id',
  'run_id',
];

/** A number literal, as JSON writes one. */
const NUMBER = String.raw`-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?`;

const patterns = new WeakMap<readonly string[], RegExp>();

/**
 * `"key"`, a colon and a number literal, for any of `keys`: made once per list of keys (a
 * request's records are quoted one by one, thousands of times). The one global RegExp is safe to
 * share because quoteJsonNumbers is synchronous and rewinds it first.
 */
function keyThenNumber(keys: readonly string[]): RegExp {
  let pattern = patterns.get(keys);
  if (!pattern) {
    const names = keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    pattern = new RegExp(String.raw`"(?:${names})"\s*:\s*(${NUMBER})`, 'g');
    patterns.set(keys, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/**
 * `text` with each number literal that is the value of one of `keys` turned into a string
 * literal, so `"usage_quantity": 1.5e-3` becomes `"usage_quantity": "1.5e-3"`. Keys are
 * compared with their raw text between the quotes (escape sequences are not decoded). Every
 * other byte is left as it was, and text that is not valid JSON stays invalid.
 *
 * Only the wanted keys are searched for, not every string: in valid JSON a quote that no
 * backslash escapes, followed by a key name and a quote, opens a string (inside a string every
 * quote is escaped), and a string followed by a colon is a key. A quote preceded by an odd run
 * of backslashes is escaped, and skipped.
 */
export function quoteJsonNumbers(text: string, keys: readonly string[]): string {
  if (keys.length === 0) return text;
  const tokens = keyThenNumber(keys);
  let quoted = '';
  let copiedUpTo = 0;
  for (let match = tokens.exec(text); match !== null; match = tokens.exec(text)) {
    if (isEscaped(text, match.index)) {
      // Look again from just after this quote: a real key may start inside the skipped text.
      tokens.lastIndex = match.index + 1;
      continue;
    }
    const number = match[1];
    const numberStart = tokens.lastIndex - number.length;
    quoted += `${text.slice(copiedUpTo, numberStart)}"${number}"`;
    copiedUpTo = tokens.lastIndex;
  }
  return copiedUpTo === 0 ? text : quoted + text.slice(copiedUpTo);
}

/** Whether the character at `at` is escaped: preceded by an odd number of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (at - backslashes - 1 >= 0 && text.charCodeAt(at - backslashes - 1) === 92) backslashes++;
  return backslashes % 2 === 1;
}
