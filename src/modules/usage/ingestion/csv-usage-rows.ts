import { CsvColumns, csvExtra } from '../domain/csv-record';
import { READ_FIELDS, ReadField } from '../domain/usage-read-fields';
import { PlainRowReader, plainUsageRow } from './plain-usage-row';
import { UsageRow } from './usage-columns';

/**
 * The fast path of a CSV usage import (see plainUsageRow), planned once per header: where each
 * read field is, and which columns make up `extra`.
 */
export class CsvUsageRows {
  private static readonly plans = new WeakMap<CsvColumns, CsvUsageRows>();
  private readonly at: Record<ReadField, number>;
  private readonly taken: Uint8Array;
  private readonly others: number[];
  private readonly reader: PlainRowReader<readonly string[]> = {
    field: (values, name) => values[this.at[name]],
    extra: (values) => this.extra(values),
  };

  private constructor(private readonly columns: CsvColumns) {
    const at = {} as Record<ReadField, number>;
    this.taken = new Uint8Array(columns.names.length);
    for (const name of READ_FIELDS) {
      const index = columns.index.get(name);
      at[name] = index ?? -1;
      if (index !== undefined) this.taken[index] = 1;
    }
    this.at = at;
    this.others = columns.names.map((_, i) => i).filter((i) => this.taken[i] === 0);
  }

  /** The plan for a header, made once per import. */
  static for(columns: CsvColumns): CsvUsageRows {
    let plan = CsvUsageRows.plans.get(columns);
    if (!plan) {
      plan = new CsvUsageRows(columns);
      CsvUsageRows.plans.set(columns, plan);
    }
    return plan;
  }

  /** The row of a plain line, or null when the reference normaliser must read it. */
  rowOf(values: readonly string[]): UsageRow | null {
    return plainUsageRow(values, this.reader);
  }

  /** The columns not read, as the reference keeps them (blank ones left out). */
  private extra(values: readonly string[]): string {
    for (const i of this.others) {
      if (values[i] !== '' && values[i] !== undefined) {
        return JSON.stringify(csvExtra(this.columns, values, this.taken));
      }
    }
    return '{}';
  }
}
