import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { conflict } from '../../../shared/errors/domain-error';
import { BILLED_HISTORY_CHANGE, BilledHistoryChange } from '../../../shared/events/billed-history';
import { InvoicingLock } from '../issuing/invoicing-lock';
import { InvoicesRepository } from './invoices.repository';

/**
 * Keeps invoiced time as it was invoiced: a change that would rewrite it is refused, under the
 * same per-customer lock invoices are issued under, so a change and an issue never cross.
 */
@Injectable()
export class BilledHistoryGuard {
  constructor(
    private readonly lock: InvoicingLock,
    private readonly invoices: InvoicesRepository,
  ) {}

  @OnEvent(BILLED_HISTORY_CHANGE, { suppressErrors: false })
  async refuseIfInvoiced(change: BilledHistoryChange): Promise<void> {
    await this.lock.lockCustomer(change.manager, change.customerId);
    const covering = await this.invoices.firstCovering(
      change.manager,
      change.customerId,
      change.from,
    );
    if (covering === null) return;
    const name = covering.number ?? `draft ${covering.id}`;
    throw conflict(
      'period_invoiced',
      `${change.what} would change ${covering.periodKey}, already invoiced (${name}, ${covering.status}): ` +
        'invoiced periods are corrected with credit notes and adjustments, not rewritten',
    );
  }
}
