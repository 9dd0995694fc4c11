import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plan catalogue (plans and their immutable versions), customers' effective-dated
 * subscriptions, and the rollup index budgets read.
 */
export class Pricing1764390000000 implements MigrationInterface {
  name = 'Pricing1764390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        model text NOT NULL CHECK (model IN ('pass_through', 'bundled', 'hybrid', 'custom')),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX plans_page ON plans (created_at, id)`);

    // A version's terms (charges, cap) are validated by the pricing domain before they are stored.
    await q.query(`
      CREATE TABLE plan_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        version integer NOT NULL CHECK (version >= 1),
        terms jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT plan_versions_plan_version UNIQUE (plan_id, version)
      )`);
    // Invoices and subscriptions refer to a version: it never changes once written.
    await q.query(`
      CREATE FUNCTION plan_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'plan version % is immutable; create a new version', OLD.id
          USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER plan_versions_immutable BEFORE UPDATE ON plan_versions
      FOR EACH ROW EXECUTE FUNCTION plan_versions_immutable()`);

    await q.query(`
      CREATE TABLE subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
        plan_version_id uuid NOT NULL REFERENCES plan_versions (id) ON DELETE RESTRICT,
        effective_from timestamptz NOT NULL,
        overrides jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT subscriptions_customer_from UNIQUE (customer_id, effective_from)
      )`);
    await q.query(`CREATE INDEX subscriptions_plan_version ON subscriptions (plan_version_id)`);

    // Rating (invoices, budgets) reads one customer's hours of one period: with the amounts in
    // the rollups' key index, an index-only range scan however the rollup rows lie in the heap,
    // and no second index to maintain on every rollup upsert.
    await q.query(`
      ALTER TABLE usage_hourly DROP CONSTRAINT usage_hourly_pkey,
        ADD CONSTRAINT usage_hourly_pkey PRIMARY KEY (customer_id, hour, room_id, trigger, sku_name, currency)
        INCLUDE (dbu, list_cost, partner_cost, records)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE usage_hourly DROP CONSTRAINT usage_hourly_pkey,
        ADD CONSTRAINT usage_hourly_pkey PRIMARY KEY (customer_id, hour, room_id, trigger, sku_name, currency)`);
    await q.query(`DROP TABLE subscriptions`);
    await q.query(`DROP TABLE plan_versions`);
    await q.query(`DROP FUNCTION plan_versions_immutable()`);
    await q.query(`DROP TABLE plans`);
  }
}
