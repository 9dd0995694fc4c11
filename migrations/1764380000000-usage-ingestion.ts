import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usage, prices and clean-room events as Databricks exports them; idempotency keys; conflicts;
 * imports; runs; attribution and the hourly rollups the rest of the service reads.
 */
export class UsageIngestion1764380000000 implements MigrationInterface {
  name = 'UsageIngestion1764380000000';

  async up(q: QueryRunner): Promise<void> {
    // Identity of a usage record, global across partitions: (record_id, record_type). Inserting
    // here and into usage_records happens in one statement, so a failed write marks nothing seen.
    await q.query(`
      CREATE TABLE usage_record_keys (
        record_id text NOT NULL,
        record_type text NOT NULL,
        content_hash text NOT NULL,
        usage_start_time timestamptz NOT NULL,
        PRIMARY KEY (record_id, record_type)
      )`);

    // Append-only facts, range-partitioned by month of usage_start_time (partitions are created
    // on demand). The attribution columns are derived and are recomputed when the registry,
    // prices or runs change; the Databricks columns never change.
    await q.query(`
      CREATE TABLE usage_records (
        record_id text NOT NULL,
        record_type text NOT NULL,
        usage_start_time timestamptz NOT NULL,
        usage_end_time timestamptz NOT NULL,
        usage_date date,
        account_id text,
        workspace_id text,
        sku_name text NOT NULL,
        cloud text NOT NULL,
        usage_unit text NOT NULL,
        usage_quantity numeric(38, 18) NOT NULL,
        room_id text,
        job_id text,
        job_run_id text,
        run_as text,
        billing_origin_product text,
        ingestion_date date,
        usage_type text,
        custom_tags jsonb NOT NULL DEFAULT '{}',
        extra jsonb NOT NULL DEFAULT '{}',
        import_id uuid,
        received_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        status text NOT NULL CHECK (status IN ('attributed', 'quarantined', 'excluded')),
        reason text,
        customer_id uuid,
        trigger text CHECK (trigger IN ('partner', 'customer')),
        currency char(3),
        list_price numeric(38, 18),
        discount_rate numeric(9, 8),
        list_cost numeric,
        partner_cost numeric,
        PRIMARY KEY (record_id, record_type, usage_start_time),
        CHECK ((status = 'attributed') = (reason IS NULL))
      ) PARTITION BY RANGE (usage_start_time)`);
    await q.query(
      `CREATE INDEX usage_records_room_time ON usage_records (room_id, usage_start_time)`,
    );
    await q.query(
      `CREATE INDEX usage_records_quarantine ON usage_records (reason, usage_start_time) WHERE status = 'quarantined'`,
    );

    // What the service reads: exact sums per customer, hour, room, trigger and SKU, maintained in
    // the same statement as every insert or re-attribution (so retractions and late rows net out).
    await q.query(`
      CREATE TABLE usage_hourly (
        customer_id uuid NOT NULL,
        hour timestamptz NOT NULL,
        room_id text NOT NULL,
        trigger text NOT NULL,
        sku_name text NOT NULL,
        currency char(3) NOT NULL,
        dbu numeric NOT NULL,
        list_cost numeric NOT NULL,
        partner_cost numeric NOT NULL,
        records integer NOT NULL,
        PRIMARY KEY (customer_id, hour, room_id, trigger, sku_name, currency)
      )`);
    await q.query(`CREATE INDEX usage_hourly_room_hour ON usage_hourly (room_id, hour)`);
    await q.query(`
      CREATE VIEW usage_daily AS
      SELECT customer_id, (hour AT TIME ZONE 'UTC')::date AS day, room_id, trigger, sku_name, currency,
             sum(dbu) AS dbu, sum(list_cost) AS list_cost, sum(partner_cost) AS partner_cost, sum(records) AS records
      FROM usage_hourly
      GROUP BY customer_id, (hour AT TIME ZONE 'UTC')::date, room_id, trigger, sku_name, currency`);

    await q.query(`
      CREATE TABLE list_prices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sku_name text NOT NULL,
        cloud text NOT NULL,
        usage_unit text NOT NULL,
        currency_code char(3) NOT NULL,
        price_start_time timestamptz NOT NULL,
        price_end_time timestamptz,
        account_id text,
        default_price numeric(38, 18) NOT NULL CHECK (default_price >= 0),
        promotional_price numeric(38, 18) CHECK (promotional_price >= 0),
        effective_list_price numeric(38, 18) NOT NULL CHECK (effective_list_price >= 0),
        extra jsonb NOT NULL DEFAULT '{}',
        content_hash text NOT NULL,
        -- Fingerprint without price_end_time: Databricks closes a price by setting its end time,
        -- which is an update of the same price, not a conflicting version of it.
        core_hash text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT list_prices_key UNIQUE (sku_name, cloud, usage_unit, currency_code, price_start_time),
        CHECK (price_end_time IS NULL OR price_end_time > price_start_time)
      )`);

    await q.query(`
      CREATE TABLE partner_discounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        effective_from timestamptz NOT NULL UNIQUE,
        rate numeric(9, 8) NOT NULL CHECK (rate >= 0 AND rate < 1),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);

    await q.query(`
      CREATE TABLE clean_room_events (
        event_id text PRIMARY KEY,
        room_id text NOT NULL,
        event_type text NOT NULL,
        event_time timestamptz NOT NULL,
        account_id text,
        metastore_id text,
        clean_room_name text,
        initiator text,
        initiator_alias text,
        run_id text,
        notebook_name text,
        notebook_etag text,
        run_state text,
        duration_seconds numeric,
        extra jsonb NOT NULL DEFAULT '{}',
        content_hash text NOT NULL,
        received_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX clean_room_events_run ON clean_room_events (room_id, run_id)`);

    await q.query(`
      CREATE TABLE clean_room_runs (
        room_id text NOT NULL,
        run_id text NOT NULL,
        notebook_name text,
        notebook_etag text,
        initiator text,
        state text,
        started_at timestamptz,
        ended_at timestamptz,
        PRIMARY KEY (room_id, run_id)
      )`);
    await q.query(
      `CREATE INDEX clean_room_runs_room_time ON clean_room_runs (room_id, started_at)`,
    );

    await q.query(`
      CREATE TABLE ingest_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('usage', 'prices', 'events')),
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        file_name text,
        lines integer NOT NULL DEFAULT 0,
        accepted integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        duplicates integer NOT NULL DEFAULT 0,
        conflicts integer NOT NULL DEFAULT 0,
        quarantined integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        excluded integer NOT NULL DEFAULT 0,
        problems jsonb NOT NULL DEFAULT '[]',
        problems_truncated boolean NOT NULL DEFAULT false,
        error text,
        started_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);

    // The same key sent again with other content: the first version stays, each distinct
    // incoming version is recorded once.
    await q.query(`
      CREATE TABLE ingest_conflicts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source text NOT NULL CHECK (source IN ('usage', 'price', 'event')),
        key text NOT NULL,
        existing_hash text NOT NULL,
        incoming_hash text NOT NULL,
        incoming jsonb NOT NULL,
        import_id uuid REFERENCES ingest_imports (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT ingest_conflicts_once UNIQUE (source, key, incoming_hash)
      )`);
    await q.query(`CREATE INDEX ingest_conflicts_page ON ingest_conflicts (created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'ingest_conflicts',
      'ingest_imports',
      'clean_room_runs',
      'clean_room_events',
      'partner_discounts',
      'list_prices',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP VIEW usage_daily`);
    await q.query(`DROP TABLE usage_hourly`);
    await q.query(`DROP TABLE usage_records`);
    await q.query(`DROP TABLE usage_record_keys`);
  }
}
