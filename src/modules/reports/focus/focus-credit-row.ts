import { formatDecimal } from '../../../shared/money/decimal';
import { billingPeriodFromKey } from '../../../shared/time/billing-period';
import type { PeriodCreditNote } from '../../invoicing/queries/period-documents.reader';
import { periodColumns, type CustomerPeriod } from './focus-context';
import { focusDateTime, SUBCATEGORY_PARTNER, type FocusRow } from './focus-row';

/**
 * A credit note as one row (docs/focus.md §5): −amount, a correction of the period it corrects
 * (automatic notes, issued with a later invoice: `Adjustment`) or of the invoice it credits
 * (manual notes: `Credit`); no room, SKU or quantity.
 */
export function creditNoteRow(period: CustomerPeriod, note: PeriodCreditNote): FocusRow {
  const billed = formatDecimal(note.amount.negated(), period.scale);
  const automatic = note.correctsPeriod !== null;
  const corrected =
    note.correctsPeriod !== null
      ? billingPeriodFromKey(note.correctsPeriod, note.credited.timeZone)
      : {
          key: note.credited.periodKey,
          start: note.credited.periodStart,
          end: note.credited.periodEnd,
        };
  return {
    ...periodColumns(period),
    BillingCurrency: note.currency,
    BilledCost: billed,
    ChargeCategory: automatic ? 'Adjustment' : 'Credit',
    ChargeClass: 'Correction',
    ChargeDescription: note.reason,
    ChargeFrequency: 'One-Time',
    ChargePeriodStart: focusDateTime(corrected.start),
    ChargePeriodEnd: focusDateTime(corrected.end),
    ConsumedQuantity: null,
    ConsumedUnit: null,
    ContractedCost: billed,
    EffectiveCost: billed,
    InvoiceId: note.number,
    ListCost: billed,
    PricingQuantity: null,
    PricingUnit: null,
    PublisherName: period.names.providerName,
    ResourceId: null,
    ResourceName: null,
    ResourceType: null,
    ServiceName: period.names.serviceName,
    ServiceSubcategory: SUBCATEGORY_PARTNER,
    SkuId: null,
    SkuMeter: null,
    SkuPriceDetails: null,
    SkuPriceId: null,
    SubAccountId: null,
    SubAccountName: null,
    Tags: null,
    x_InvoiceLineId: null,
    x_Trigger: null,
    x_CorrectsPeriod: corrected.key,
    x_CorrectsInvoiceId: note.credited.number,
  };
}
