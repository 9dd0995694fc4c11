import type { OpenAPIObject } from '@nestjs/swagger';
import { DECIMAL_PATTERN } from '../shared/money/decimal';

/**
 * Gives every `format: decimal` string without a pattern of its own the shape all decimals leave
 * the server in (formatDecimal and Postgres numeric print plain digits: no exponent, no '+').
 * Request fields declare their narrower pattern with @IsDecimalString, which also checks it.
 */
export function addDecimalPatterns(document: OpenAPIObject): void {
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const schema = value as { type?: unknown; format?: unknown; pattern?: unknown };
    if (schema.type === 'string' && schema.format === 'decimal' && schema.pattern === undefined) {
      schema.pattern = DECIMAL_PATTERN.source;
    }
    Object.values(value).forEach(visit);
  };
  visit(document.paths);
  visit(document.components);
}
