import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/shared/database/data-source-options';
import { migrate } from '../src/shared/database/migrate';
import { validateUsage } from '../src/modules/usage/ingestion/usage-import-spec';
import { contentHash } from '../src/modules/usage/ingestion/content-hash';
import { toColumnArrays } from '../src/modules/usage/ingestion/usage-columns';
import { INSERT_USAGE_BATCH } from '../src/modules/usage/ingestion/usage-insert.sql';
import { generateUsage, jsonRecord } from './usage-generator';
import { Client } from 'pg';

(async () => {
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS tmp_prof WITH (FORCE)');
  await admin.query('CREATE DATABASE tmp_prof');
  const ds = await new DataSource(buildDataSourceOptions({ url: 'postgres://postgres@127.0.0.1:5432/tmp_prof', embedded: false, poolSize: 2 })).initialize();
  await migrate(ds, true);
  await ds.query(`INSERT INTO customers (id, name, currency) VALUES ('00000000-0000-4000-8000-000000000001', 'c', 'USD')`);
  const rooms = Array.from({ length: 200 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  for (const r of rooms) {
    await ds.query(`INSERT INTO clean_rooms (id, name) VALUES ($1, 'r')`, [r]);
    await ds.query(`INSERT INTO room_ownerships (room_id, customer_id, effective_from) VALUES ($1, '00000000-0000-4000-8000-000000000001', '1970-01-01')`, [r]);
  }
  const account = '11111111-1111-4111-8111-111111111111';
  await ds.query(`INSERT INTO party_identities (kind, value, party) VALUES ('account', $1, 'partner')`, [account]);
  await ds.query(`INSERT INTO list_prices (sku_name, cloud, usage_unit, currency_code, price_start_time, default_price, effective_list_price, content_hash, core_hash) VALUES ('S','AWS','DBU','USD','2025-01-01',0.35,0.35,'x','x')`);
  await ds.query(`CREATE TABLE usage_records_y2025m06 PARTITION OF usage_records FOR VALUES FROM ('2025-06-01') TO ('2025-07-01')`);
  await ds.query(`CREATE TABLE usage_records_y2025m07 PARTITION OF usage_records FOR VALUES FROM ('2025-07-01') TO ('2025-08-01')`);
  const world = { rooms, account, sku: 'S', start: new Date('2025-06-01T00:00:00Z') };
  const rows = [...generateUsage(world, 100000, 3)].map((r, i) => ({ position: { index: i }, value: jsonRecord(r) }));
  const { valid } = validateUsage(rows);
  for (let b = 0; b < 10; b++) {
    const batch = valid.slice(b * 10000, (b + 1) * 10000).map((v) => v.value);
    const cols = toColumnArrays(batch, batch.map((v) => contentHash(v)));
    const t = Date.now(); await ds.query("SET work_mem = '64MB'");
    if (b === 5) {
      const plan = await ds.query('EXPLAIN (ANALYZE, BUFFERS off, COSTS off) ' + INSERT_USAGE_BATCH, [...cols, null]);
      console.log(plan.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    } else await ds.query(INSERT_USAGE_BATCH, [...cols, null]);
    console.log('batch', b, Date.now() - t, 'ms');
  }
  await ds.destroy();
  await admin.query('DROP DATABASE tmp_prof WITH (FORCE)');
  await admin.end();
})();
