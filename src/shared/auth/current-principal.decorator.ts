import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AuthPrincipal } from './auth-principal';

export type AuthenticatedRequest = Request & { principal?: AuthPrincipal };

/** The caller, as set by the auth guard. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthPrincipal => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.principal) throw new Error('CurrentPrincipal used on a public route');
    return request.principal;
  },
);
