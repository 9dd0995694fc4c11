import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices with their lines, gap-free numbering, credit notes, the payments outbox and the
 * Stripe events seen. A finalized invoice is immutable in the database itself: triggers refuse
 * any change to its amounts or lines; only its status and payment sync fields move.
 */
export class Invoicing1764400000000 implements MigrationInterface {
  name = 'Invoicing1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per number series; the finalizing transaction takes the next value under the row
    // lock, so a rolled-back finalization leaves no gap (a sequence would).
    await q.query(`
      CREATE TABLE document_number_series (
        series text PRIMARY KEY CHECK (series IN ('INV', 'CN')),
        last_value bigint NOT NULL CHECK (last_value >= 0)
      )`);
    await q.query(`INSERT INTO document_number_series VALUES ('INV', 0), ('CN', 0)`);

    await q.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
        period_key text NOT NULL CHECK (period_key ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL CHECK (period_end > period_start),
        time_zone text NOT NULL,
        currency char(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'finalized', 'paid', 'void', 'uncollectible')),
        number text UNIQUE,
        subtotal numeric NOT NULL,
        adjustments numeric NOT NULL,
        credits numeric NOT NULL,
        total numeric NOT NULL,
        details jsonb NOT NULL,
        rated_at timestamptz NOT NULL,
        finalized_at timestamptz,
        status_changed_at timestamptz,
        payment_sync text NOT NULL DEFAULT 'none'
          CHECK (payment_sync IN ('none', 'pending', 'synced', 'failed', 'disabled')),
        payment_sync_error text,
        stripe_customer_id text,
        stripe_invoice_id text,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT invoices_customer_period UNIQUE (customer_id, period_key),
        CONSTRAINT invoices_numbered_when_final CHECK ((status = 'draft') = (number IS NULL)),
        CONSTRAINT invoices_total_adds_up CHECK (total = subtotal + adjustments + credits)
      )`);
    await q.query(`CREATE INDEX invoices_page ON invoices (created_at, id)`);
    await q.query(`CREATE INDEX invoices_status ON invoices (status, period_end)`);
    await q.query(
      `CREATE UNIQUE INDEX invoices_stripe_invoice ON invoices (stripe_invoice_id) WHERE stripe_invoice_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE invoice_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
        position integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('charge', 'overage', 'adjustment')),
        charge_key text NOT NULL,
        description text NOT NULL,
        basis text NOT NULL,
        model text NOT NULL,
        plan_version_id uuid,
        segment_from timestamptz NOT NULL,
        segment_to timestamptz NOT NULL,
        quantity numeric NOT NULL,
        unit_price numeric,
        amount numeric NOT NULL,
        rounded_amount numeric NOT NULL,
        corrects_period text,
        corrects_invoice_id uuid REFERENCES invoices (id),
        breakdown jsonb NOT NULL,
        rooms jsonb NOT NULL,
        CONSTRAINT invoice_lines_position UNIQUE (invoice_id, position),
        CONSTRAINT invoice_lines_adjustment_names_period CHECK ((kind = 'adjustment') = (corrects_period IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX invoice_lines_corrections ON invoice_lines (corrects_invoice_id) WHERE corrects_invoice_id IS NOT NULL`,
    );

    await q.query(`
      CREATE FUNCTION invoices_guard_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'invoice % is %, it cannot be deleted', OLD.id, OLD.status USING ERRCODE = 'check_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status <> 'draft' AND (
             NEW.customer_id, NEW.period_key, NEW.period_start, NEW.period_end, NEW.time_zone, NEW.currency,
             NEW.number, NEW.subtotal, NEW.adjustments, NEW.credits, NEW.total, NEW.details, NEW.rated_at,
             NEW.finalized_at
           ) IS DISTINCT FROM (
             OLD.customer_id, OLD.period_key, OLD.period_start, OLD.period_end, OLD.time_zone, OLD.currency,
             OLD.number, OLD.subtotal, OLD.adjustments, OLD.credits, OLD.total, OLD.details, OLD.rated_at,
             OLD.finalized_at
           ) THEN
          RAISE EXCEPTION 'invoice % is %: its amounts never change', OLD.id, OLD.status USING ERRCODE = 'check_violation';
        END IF;
        -- draft -> finalized -> paid | void | uncollectible; uncollectible -> paid | void.
        IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
             (OLD.status = 'draft' AND NEW.status = 'finalized')
          OR (OLD.status = 'finalized' AND NEW.status IN ('paid', 'void', 'uncollectible'))
          OR (OLD.status = 'uncollectible' AND NEW.status IN ('paid', 'void'))
        ) THEN
          RAISE EXCEPTION 'invoice % cannot move from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER invoices_guard_final BEFORE UPDATE OR DELETE ON invoices
      FOR EACH ROW EXECUTE FUNCTION invoices_guard_final()`);
    await q.query(`
      CREATE FUNCTION invoice_lines_guard_final() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parent_status text;
      BEGIN
        -- The invoice a line leaves (update, delete) and the one it joins (insert, update) must be drafts.
        SELECT status INTO parent_status FROM invoices
        WHERE status <> 'draft' AND id IN (
          CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN OLD.invoice_id END,
          CASE WHEN TG_OP IN ('UPDATE', 'INSERT') THEN NEW.invoice_id END)
        LIMIT 1;
        IF parent_status IS NOT NULL THEN
          RAISE EXCEPTION 'the lines of a % invoice never change', parent_status USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER invoice_lines_guard_final BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
      FOR EACH ROW EXECUTE FUNCTION invoice_lines_guard_final()`);

    await q.query(`
      CREATE TABLE credit_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        invoice_id uuid NOT NULL REFERENCES invoices (id),
        customer_id uuid NOT NULL REFERENCES customers (id),
        currency char(3) NOT NULL,
        amount numeric NOT NULL CHECK (amount > 0),
        reason text NOT NULL,
        corrects_period text,
        issued_with_invoice_id uuid REFERENCES invoices (id),
        payment_sync text NOT NULL DEFAULT 'none'
          CHECK (payment_sync IN ('none', 'pending', 'synced', 'failed', 'disabled')),
        payment_sync_error text,
        stripe_credit_note_id text,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX credit_notes_invoice ON credit_notes (invoice_id)`);
    await q.query(
      `CREATE INDEX credit_notes_customer_period ON credit_notes (customer_id, corrects_period)`,
    );
    await q.query(`
      CREATE FUNCTION credit_notes_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND (NEW.id, NEW.number, NEW.invoice_id, NEW.customer_id, NEW.currency, NEW.amount,
                                 NEW.reason, NEW.corrects_period, NEW.issued_with_invoice_id, NEW.created_at)
                                IS NOT DISTINCT FROM
                                (OLD.id, OLD.number, OLD.invoice_id, OLD.customer_id, OLD.currency, OLD.amount,
                                 OLD.reason, OLD.corrects_period, OLD.issued_with_invoice_id, OLD.created_at) THEN
          RETURN NEW; -- only its payment sync moves
        END IF;
        RAISE EXCEPTION 'credit note % is issued: it never changes', OLD.number USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER credit_notes_immutable BEFORE UPDATE OR DELETE ON credit_notes
      FOR EACH ROW EXECUTE FUNCTION credit_notes_immutable()`);

    // Written in the transaction that issues an invoice or a credit note; a worker pushes it to
    // the payment provider, holding a lease (token and time) while it does.
    await q.query(`
      CREATE TABLE payment_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        invoice_id uuid NOT NULL REFERENCES invoices (id),
        credit_note_id uuid UNIQUE REFERENCES credit_notes (id),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_token uuid,
        last_error text,
        done_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX payment_outbox_invoice ON payment_outbox (invoice_id) WHERE credit_note_id IS NULL`,
    );
    await q.query(
      `CREATE INDEX payment_outbox_due ON payment_outbox (next_attempt_at) WHERE done_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE stripe_events (
        event_id text PRIMARY KEY,
        type text NOT NULL,
        received_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stripe_events`);
    await q.query(`DROP TABLE payment_outbox`);
    await q.query(`DROP TABLE credit_notes`);
    await q.query(`DROP FUNCTION credit_notes_immutable()`);
    await q.query(`DROP TABLE invoice_lines`);
    await q.query(`DROP FUNCTION invoice_lines_guard_final()`);
    await q.query(`DROP TABLE invoices`);
    await q.query(`DROP FUNCTION invoices_guard_final()`);
    await q.query(`DROP TABLE document_number_series`);
  }
}
