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

/*
 * One token per match: either a whole string literal, optionally followed by `:` and a number
 * literal. Because every string is consumed whole from its opening quote, a quote or a
 * `"key": 1` inside a string value is never seen as a key. Strings use the unrolled
 * `[^"\\]*(?:\\.[^"\\]*)*` form, which runs in linear time without deep backtracking.
 */
const STRING_THEN_NUMBER =
  /"([^"\\]*(?:\\.[^"\\]*)*)"(?:(\s*:\s*)(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?))?/g;

/**
 * `text` with each number literal that is the value of one of `keys` turned into a string
 * literal, so `"usage_quantity": 1.5e-3` becomes `"usage_quantity": "1.5e-3"`. Keys are
 * compared with their raw text between the quotes (escape sequences are not decoded). Every
 * other byte is left as it was, and text that is not valid JSON stays invalid.
 */
export function quoteJsonNumbers(text: string, keys: readonly string[]): string {
  if (keys.length === 0) return text;
  const wanted = new Set(keys);
  // One pass of exec over the text, copying only around the numbers quoted: String.replace
  // with a callback rebuilds every string token and is about 20 times slower on a 10 MB body.
  const tokens = new RegExp(STRING_THEN_NUMBER.source, 'g');
  let quoted = '';
  let copiedUpTo = 0;
  for (let match = tokens.exec(text); match !== null; match = tokens.exec(text)) {
    const [, key, , number] = match;
    if (number === undefined || !wanted.has(key)) continue;
    const numberStart = tokens.lastIndex - number.length;
    quoted += `${text.slice(copiedUpTo, numberStart)}"${number}"`;
    copiedUpTo = tokens.lastIndex;
  }
  return copiedUpTo === 0 ? text : quoted + text.slice(copiedUpTo);
}
