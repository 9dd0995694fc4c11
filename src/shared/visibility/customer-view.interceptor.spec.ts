import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { lastValueFrom, of } from 'rxjs';
import type { AuthPrincipal } from '../auth/auth-principal';
import { CustomerViewInterceptor } from './customer-view.interceptor';
import { PartnerOnly } from './partner-only.decorator';

class CostResponse {
  @ApiProperty() dbu: string;
  @PartnerOnly()
  @ApiProperty()
  partnerCost: string;
}

class Routes {
  @ApiOkResponse({ type: CostResponse })
  typed(): void {}

  untyped(): void {}
}

const CUSTOMER: AuthPrincipal = { keyId: 'k', scopes: ['customer'], customerId: 'c' };
const PARTNER: AuthPrincipal = { keyId: 'k', scopes: ['partner'], customerId: null };
// A customer id on an admin key does not confine it.
const ADMIN: AuthPrincipal = { keyId: 'k', scopes: ['admin', 'customer'], customerId: 'c' };

function answer(principal: AuthPrincipal, handler: keyof Routes, body: unknown) {
  const context = {
    getType: () => 'http',
    getClass: () => Routes,
    getHandler: () => Routes.prototype[handler],
    switchToHttp: () => ({ getRequest: () => ({ principal }) }),
  } as unknown as ExecutionContext;
  const next: CallHandler = { handle: () => of(body) };
  return lastValueFrom(new CustomerViewInterceptor().intercept(context, next));
}

describe('CustomerViewInterceptor', () => {
  const body = { dbu: '1', partnerCost: '0.3' };

  it('answers a customer key through the declared response type', async () => {
    await expect(answer(CUSTOMER, 'typed', body)).resolves.toEqual({ dbu: '1' });
  });

  it('answers partner and admin keys unchanged', async () => {
    await expect(answer(PARTNER, 'typed', body)).resolves.toBe(body);
    await expect(answer(ADMIN, 'typed', body)).resolves.toBe(body);
  });

  it('fails closed when a route answers a customer key with an object but declares no type', async () => {
    await expect(answer(CUSTOMER, 'untyped', body)).rejects.toThrow(
      'Routes.untyped answers a customer key without a declared response type',
    );
    await expect(answer(CUSTOMER, 'untyped', 'a,csv\n1,2')).resolves.toBe('a,csv\n1,2');
  });
});
