import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { D, type Dec } from '../../../shared/money/decimal';
import { LineRow, toLine } from '../invoices/invoice-lines.repository';
import type { StoredInvoiceLine } from '../invoices/stored-invoice';

/** What corrections of a customer's earlier periods are computed from, and its fingerprint. */
@Injectable()
export class CorrectionBasisRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A fingerprint of what an invoice is computed from besides usage: the customer's issued
   * invoices, their statuses and its credit notes (corrections), its plan history and its billing
   * time zone (the period and its rating). A finalization checks it under the lock and rates again
   * when it moved: two drafts of one customer never issue the same correction twice, and a plan
   * change accepted while a close was rating (nothing was issued yet) is in the invoice.
   */
  async correctionBasisVersion(
    customerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    // Counts for what only ever grows; the plan history by its entries' ids (a plan replaced at
    // the same instant is a new entry), whatever the clocks of the replicas say.
    const [row]: { issued: number; voided: number; notes: number; plans: string; zone: string }[] =
      await manager.query(
        `SELECT count(*) FILTER (WHERE status <> 'draft')::int AS issued,
                count(*) FILTER (WHERE status = 'void')::int AS voided,
                (SELECT count(*)::int FROM credit_notes WHERE customer_id = $1) AS notes,
                (SELECT coalesce(md5(string_agg(id::text, ',' ORDER BY id)), '')
                 FROM subscriptions WHERE customer_id = $1) AS plans,
                (SELECT billing_time_zone FROM customers WHERE id = $1) AS zone
         FROM invoices WHERE customer_id = $1`,
        [customerId],
      );
    return `${row.issued}/${row.voided}/${row.notes}/${row.plans}/${row.zone}`;
  }

  /**
   * Credit notes issued to correct the customer's `periodKey`, against invoices not voided since
   * (manual credits are not corrections).
   */
  async correctionCreditsFor(customerId: string, periodKey: string): Promise<Dec> {
    const [{ credited }]: { credited: string }[] = await this.dataSource.query(
      `SELECT coalesce(sum(c.amount), 0) AS credited
       FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id
       WHERE c.customer_id = $1 AND c.corrects_period = $2 AND i.status <> 'void'`,
      [customerId, periodKey],
    );
    return new D(credited);
  }

  /** Adjustment lines of issued, not voided invoices that correct `invoiceId`'s period. */
  async correctionsOf(invoiceId: string): Promise<StoredInvoiceLine[]> {
    const rows: LineRow[] = await this.dataSource.query(
      `SELECT l.* FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
       WHERE l.corrects_invoice_id = $1 AND i.status NOT IN ('draft', 'void') ORDER BY i.period_start, l.position`,
      [invoiceId],
    );
    return rows.map(toLine);
  }
}
