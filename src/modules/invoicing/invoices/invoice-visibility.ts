import { AuthPrincipal, confinedCustomer } from '../../../shared/auth/auth-principal';
import { assertCustomerVisible } from '../../../shared/auth/customer-visibility';
import { notFound } from '../../../shared/errors/domain-error';
import type { StoredInvoice } from './stored-invoice';

/**
 * A customer key sees its own customer's invoices once they are issued: a draft may still change,
 * so it answers as if it did not exist (the same 404 as another customer's invoice).
 */
export function assertInvoiceVisible(principal: AuthPrincipal, invoice: StoredInvoice): void {
  assertCustomerVisible(principal, invoice.customerId, 'Invoice', invoice.id);
  if (confinedCustomer(principal) !== null && invoice.status === 'draft') {
    throw notFound('Invoice', invoice.id);
  }
}

/** For list queries: customer keys never list drafts. */
export function seesDrafts(principal: AuthPrincipal): boolean {
  return confinedCustomer(principal) === null;
}
