/**
 * Why a close produced no invoice for a customer: no plan in effect in the period (and no
 * correction to carry), the period has not ended in the customer's time zone, or closing failed.
 */
export const NO_INVOICE_REASONS = ['no_plan', 'not_ended', 'failed'] as const;
export type NoInvoiceReason = (typeof NO_INVOICE_REASONS)[number];
