export const INVOICE_STATUSES = ['draft', 'finalized', 'paid', 'void', 'uncollectible'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

const NEXT: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  draft: ['finalized'],
  finalized: ['paid', 'void', 'uncollectible'],
  // Stripe lets an uncollectible invoice be paid or voided later.
  uncollectible: ['paid', 'void'],
  paid: [],
  void: [],
};

export function canMove(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return NEXT[from].includes(to);
}
