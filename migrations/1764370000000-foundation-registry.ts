import { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers, the parties' Databricks identities, clean rooms with effective-dated owners, API keys. */
export class FoundationRegistry1764370000000 implements MigrationInterface {
  name = 'FoundationRegistry1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        billing_time_zone text NOT NULL DEFAULT 'UTC',
        stripe_customer_id text UNIQUE,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX customers_page ON customers (created_at, id)`);

    await q.query(`
      CREATE TABLE party_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('account', 'sharing_identifier', 'principal')),
        value text NOT NULL CHECK (value = lower(value) AND char_length(value) BETWEEN 1 AND 300),
        party text NOT NULL CHECK (party IN ('partner', 'customer')),
        customer_id uuid REFERENCES customers (id) ON DELETE RESTRICT,
        description text,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT party_identities_party_customer CHECK ((party = 'customer') = (customer_id IS NOT NULL)),
        CONSTRAINT party_identities_kind_value UNIQUE (kind, value)
      )`);
    await q.query(`CREATE INDEX party_identities_customer ON party_identities (customer_id)`);
    await q.query(`CREATE INDEX party_identities_page ON party_identities (created_at, id)`);

    // The room's id is Databricks' central_clean_room_id: the same for every collaborator.
    await q.query(`
      CREATE TABLE clean_rooms (
        id text PRIMARY KEY CHECK (id = lower(id) AND char_length(id) BETWEEN 1 AND 100),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        notebook_etag text,
        last_run_at timestamptz,
        expected_run_interval_hours integer CHECK (expected_run_interval_hours > 0),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX clean_rooms_page ON clean_rooms (created_at, id)`);

    // Effective-dated ownership: a row holds from effective_from until the next row of the room.
    await q.query(`
      CREATE TABLE room_ownerships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        room_id text NOT NULL REFERENCES clean_rooms (id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
        effective_from timestamptz NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT room_ownerships_room_from UNIQUE (room_id, effective_from)
      )`);
    await q.query(
      `CREATE INDEX room_ownerships_customer ON room_ownerships (customer_id, room_id)`,
    );

    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        key_prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        customer_id uuid REFERENCES customers (id) ON DELETE RESTRICT,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        revoked_at timestamptz,
        CONSTRAINT api_keys_customer_scope CHECK (('customer' = ANY (scopes)) = (customer_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX api_keys_page ON api_keys (created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys`);
    await q.query(`DROP TABLE room_ownerships`);
    await q.query(`DROP TABLE clean_rooms`);
    await q.query(`DROP TABLE party_identities`);
    await q.query(`DROP TABLE customers`);
  }
}
