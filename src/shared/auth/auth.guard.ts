import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { ACCESS_METADATA, PUBLIC_METADATA } from './access.decorator';
import { ApiKeysService } from './api-keys.service';
import { AuthenticatedRequest } from './current-principal.decorator';
import { Scope } from './scope';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Global guard: a valid key (401 otherwise) holding one of the route's scopes (403 otherwise). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) throw unauthenticated('Send an API key as "Authorization: Bearer <key>"');
    const principal = await this.apiKeys.authenticate(match[1]);
    if (!principal) throw unauthenticated('The API key is unknown or revoked');

    const allowed = this.reflector.getAllAndOverride<Scope[]>(ACCESS_METADATA, targets) ?? [];
    const permitted = principal.scopes.some(
      (scope) => scope === 'admin' || allowed.includes(scope),
    );
    if (!permitted) {
      throw new DomainError(
        'forbidden',
        `This route needs one of the scopes: ${['admin', ...allowed].join(', ')}`,
      );
    }
    request.principal = principal;
    return true;
  }
}

function unauthenticated(detail: string): DomainError {
  return new DomainError('unauthenticated', detail);
}
