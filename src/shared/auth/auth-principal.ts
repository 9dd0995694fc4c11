import { Scope } from './scope';

/** Who is calling: the key that authenticated the request. */
export interface AuthPrincipal {
  /** Null for the bootstrap key given in ADMIN_API_KEY, which is not stored. */
  readonly keyId: string | null;
  readonly scopes: readonly Scope[];
  /** Set for customer-scoped keys: they see this customer's resources and nothing else. */
  readonly customerId: string | null;
}

/** The customer a request is confined to, or null when the key sees every customer. */
export function confinedCustomer(principal: AuthPrincipal): string | null {
  return principal.scopes.includes('admin') ? null : principal.customerId;
}
