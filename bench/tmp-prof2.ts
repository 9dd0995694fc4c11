import { parse } from 'csv-parse/sync';
import { validateUsage } from '../src/modules/usage/ingestion/usage-import-spec';
import { csvLine, generateUsage, USAGE_CSV_HEADER } from './usage-generator';
const world = { rooms: Array.from({ length: 200 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`), account: 'a', sku: 'S', start: new Date('2025-06-01T00:00:00Z') };
const lines = [USAGE_CSV_HEADER.join(',')];
for (const row of generateUsage(world, 50000, 1)) lines.push(csvLine(row));
const records = parse(lines.join('\n'), { columns: true }) as Record<string, string>[];
for (let k = 0; k < 3; k++) {
  const t = Date.now();
  validateUsage(records.map((value, i) => ({ position: { line: i + 2 }, value })));
  console.log('validate 50k', Date.now() - t, 'ms');
}
