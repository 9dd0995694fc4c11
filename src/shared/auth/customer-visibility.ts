import { notFound } from '../errors/domain-error';
import { AuthPrincipal, confinedCustomer } from './auth-principal';

/**
 * A customer key asking for another customer's resource gets the same 404 as for a resource that
 * does not exist: nothing leaks about what other customers have.
 */
export function assertCustomerVisible(
  principal: AuthPrincipal,
  customerId: string | null,
  resource: string,
  id: string,
) {
  const confined = confinedCustomer(principal);
  if (confined !== null && confined !== customerId) throw notFound(resource, id);
}
