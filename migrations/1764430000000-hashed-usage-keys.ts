import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * usageKeyHash (src/modules/usage/ingestion/usage-columns.ts) in SQL: 128 bits of SHA-256 of the
 * record type's UTF-8 length, ':', the type and the id. The service's databases are UTF-8, so
 * octet_length counts UTF-8 bytes as Node's Buffer.byteLength does.
 */
export const KEY_HASH_SQL = (recordId: string, recordType: string) =>
  `encode(substr(sha256(convert_to(octet_length(${recordType})::text || ':' || ${recordType} || ${recordId}, 'UTF8')), 1, 16), 'hex')::uuid`;

/**
 * The claimed usage keys are kept by a 16-byte hash of (record_id, record_type) instead of the
 * two texts: every ingested row inserts into this index, which covers all history, and a uuid
 * index is about a third of the size (fewer pages to read and write, cheaper comparisons). The
 * texts stay in usage_records. Two keys with one hash would show as a conflict, never vanish;
 * with 128 bits of SHA-256 that does not happen.
 */
export class HashedUsageKeys1764430000000 implements MigrationInterface {
  name = 'HashedUsageKeys1764430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE usage_record_keys ADD COLUMN key_hash uuid`);
    await q.query(
      `UPDATE usage_record_keys SET key_hash = ${KEY_HASH_SQL('record_id', 'record_type')}`,
    );
    await q.query(`
      ALTER TABLE usage_record_keys
        DROP CONSTRAINT usage_record_keys_pkey,
        DROP COLUMN record_id,
        DROP COLUMN record_type,
        ALTER COLUMN key_hash SET NOT NULL,
        ADD PRIMARY KEY (key_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE usage_record_keys
        ADD COLUMN record_id text COLLATE "C",
        ADD COLUMN record_type text COLLATE "C"`);
    await q.query(`
      UPDATE usage_record_keys k SET record_id = r.record_id, record_type = r.record_type
      FROM usage_records r
      WHERE k.key_hash = ${KEY_HASH_SQL('r.record_id', 'r.record_type')}
        AND r.usage_start_time = k.usage_start_time`);
    await q.query(`
      ALTER TABLE usage_record_keys
        DROP CONSTRAINT usage_record_keys_pkey,
        DROP COLUMN key_hash,
        ALTER COLUMN record_id SET NOT NULL,
        ALTER COLUMN record_type SET NOT NULL,
        ADD PRIMARY KEY (record_id, record_type)`);
  }
}
