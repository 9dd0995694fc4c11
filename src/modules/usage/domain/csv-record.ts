import { FieldObject, FieldReader, isDottedKey, mergeAt, setOwn } from './field-access';

/** A CSV export's header: column names, where each is, and the path a dotted name stands for. */
export class CsvColumns {
  readonly index: ReadonlyMap<string, number>;
  readonly paths: readonly (string[] | null)[];

  constructor(readonly names: readonly string[]) {
    const index = new Map<string, number>();
    // A repeated column name reads as its first occurrence; later ones land in `extra` as given.
    names.forEach((name, i) => index.has(name) || index.set(name, i));
    this.index = index;
    this.paths = names.map((name) => (isDottedKey(name) ? name.split('.') : null));
  }
}

/**
 * One CSV line, kept as the array the parser gives (no object per line: an import reads a
 * million of them). The normalisers read it like any flat row.
 */
export class CsvRecord {
  constructor(
    readonly columns: CsvColumns,
    readonly values: readonly string[],
  ) {}
}

/** Reads a CsvRecord in place: '' is absent, columns not taken and not blank form `extra`. */
export class CsvFieldReader implements FieldReader {
  private readonly taken: Uint8Array;

  constructor(private readonly record: CsvRecord) {
    this.taken = new Uint8Array(record.values.length);
  }

  take(path: string): unknown {
    const i = this.record.columns.index.get(path);
    if (i === undefined) return undefined;
    this.taken[i] = 1;
    const value = this.record.values[i];
    return value === '' ? null : value;
  }

  rest(): FieldObject {
    return csvExtra(this.record.columns, this.record.values, this.taken);
  }
}

/** The columns not `taken` (1 at their index) and not blank, nested by their dotted names. */
export function csvExtra(
  columns: CsvColumns,
  values: readonly string[],
  taken: Uint8Array,
): FieldObject {
  const result: FieldObject = {};
  for (let i = 0; i < values.length; i++) {
    if (taken[i] === 1 || values[i] === '' || values[i] === undefined) continue;
    const path = columns.paths[i];
    if (!path || !mergeAt(result, path, values[i])) setOwn(result, columns.names[i], values[i]);
  }
  return result;
}
