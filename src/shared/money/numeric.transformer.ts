import { D, type Dec, formatDecimal, parseDecimal } from './decimal';

/** The shape TypeORM's ValueTransformer expects, declared here so money stays ORM-free. */
export interface DecimalColumnTransformer {
  to(value: Dec | null | undefined): string | null | undefined;
  from(value: string | null): Dec | null;
}

/**
 * Postgres `numeric` <-> Dec without ever passing through a float. pg returns numeric as text,
 * which is parsed strictly: NaN or Infinity in a money column is a data error, not a value.
 */
export const numericTransformer: DecimalColumnTransformer = {
  to(value) {
    // undefined means "column not set" to TypeORM and must stay undefined, not become NULL.
    if (value === null || value === undefined) return value;
    if (!D.isDecimal(value)) {
      throw new TypeError(`numeric column expects a Decimal, got ${typeof value}`);
    }
    return formatDecimal(value);
  },
  from(value) {
    if (value === null) return null;
    return parseDecimal(value);
  },
};
