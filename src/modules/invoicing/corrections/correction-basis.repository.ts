import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { D, type Dec } from '../../../shared/money/decimal';
import { PlanHistoryQueries } from '../../pricing/subscriptions/plan-history-queries';
import { CustomerBillingZones } from '../../registry/customers/customer-billing-zones';
import {
  EMPTY_CORRECTION_BASIS,
  type CarriedAdjustment,
  type CorrectionBasis,
} from '../domain/period-corrections';
import { InvoiceRow, toInvoice } from '../invoices/invoice-row';

/** What corrections of a customer's earlier periods are computed from, and its fingerprint. */
@Injectable()
export class CorrectionBasisRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlanHistoryQueries,
    private readonly zones: CustomerBillingZones,
  ) {}

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
    // Counts for what only ever grows; the plan history by its entries' ids.
    const [row]: { issued: number; voided: number; notes: number }[] = await manager.query(
      `SELECT count(*) FILTER (WHERE status <> 'draft')::int AS issued,
              count(*) FILTER (WHERE status = 'void')::int AS voided,
              (SELECT count(*)::int FROM credit_notes WHERE customer_id = $1) AS notes
       FROM invoices WHERE customer_id = $1`,
      [customerId],
    );
    const plans = await this.plans.fingerprint(customerId, manager);
    const zone = await this.zones.of(customerId, manager);
    return `${row.issued}/${row.voided}/${row.notes}/${plans}/${zone}`;
  }

  /**
   * The correction basis of the customer's invoices of periods ending in (from, to], in four
   * statements whatever their number: the invoices, the adjustment lines that corrected them,
   * the correction credit notes of their periods, and what is left to credit of each invoice
   * that billed them.
   */
  async load(customerId: string, from: Date, to: Date): Promise<CorrectionBasis> {
    const issued: InvoiceRow[] = await this.dataSource.query(
      `SELECT * FROM invoices
       WHERE customer_id = $1 AND status <> 'draft' AND period_end > $2 AND period_end <= $3
       ORDER BY period_start`,
      [customerId, from, to],
    );
    if (issued.length === 0) return EMPTY_CORRECTION_BASIS;
    const ids = issued.map((row) => row.id);
    const carried = await this.carriedAdjustments(ids);
    return {
      issued: issued.map(toInvoice),
      carried,
      correctionCredits: await this.correctionCredits(
        customerId,
        issued.map((row) => row.period_key),
      ),
      remaining: await this.remainingToCredit([
        ...new Set([...ids, ...carried.map((line) => line.invoiceId)]),
      ]),
    };
  }

  /** Adjustment lines of issued, not voided invoices that correct the periods of `invoiceIds`. */
  private async carriedAdjustments(invoiceIds: readonly string[]): Promise<CarriedAdjustment[]> {
    const rows: { corrects_invoice_id: string; invoice_id: string; rounded_amount: string }[] =
      await this.dataSource.query(
        `SELECT l.corrects_invoice_id, l.invoice_id, l.rounded_amount
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
         WHERE l.corrects_invoice_id = ANY($1::uuid[]) AND i.status NOT IN ('draft', 'void')
         ORDER BY i.period_start, l.position`,
        [invoiceIds],
      );
    return rows.map((row) => ({
      correctsInvoiceId: row.corrects_invoice_id,
      invoiceId: row.invoice_id,
      roundedAmount: new D(row.rounded_amount),
    }));
  }

  /**
   * Credit notes issued to correct the customer's `periodKeys`, against invoices not voided since
   * (manual credits are not corrections), summed by period.
   */
  private async correctionCredits(
    customerId: string,
    periodKeys: readonly string[],
  ): Promise<Map<string, Dec>> {
    const rows: { corrects_period: string; credited: string }[] = await this.dataSource.query(
      `SELECT c.corrects_period, sum(c.amount) AS credited
       FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id
       WHERE c.customer_id = $1 AND c.corrects_period = ANY($2::text[]) AND i.status <> 'void'
       GROUP BY c.corrects_period`,
      [customerId, periodKeys],
    );
    return new Map(rows.map((row) => [row.corrects_period, new D(row.credited)]));
  }

  /** Of the issued, not voided invoices among `invoiceIds`: total minus their credit notes. */
  private async remainingToCredit(invoiceIds: readonly string[]): Promise<Map<string, Dec>> {
    const rows: { id: string; total: string; credited: string }[] = await this.dataSource.query(
      `SELECT i.id, i.total,
              (SELECT coalesce(sum(c.amount), 0) FROM credit_notes c WHERE c.invoice_id = i.id) AS credited
       FROM invoices i
       WHERE i.id = ANY($1::uuid[]) AND i.status NOT IN ('draft', 'void')`,
      [invoiceIds],
    );
    return new Map(rows.map((row) => [row.id, new D(row.total).minus(row.credited)]));
  }
}
