import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Page, PageRequest } from '../database/keyset-page';
import { FOREIGN_KEY_VIOLATION, sqlState } from '../database/sql-state';
import { badRequest, notFound } from '../errors/domain-error';
import { Clock, CLOCK } from '../time/clock';
import { ApiKeyEntity } from './api-key.entity';
import { generateApiKey, hashApiKey, sameSecret } from './api-key-secret';
import { ApiKeysRepository } from './api-keys.repository';
import { AuthPrincipal } from './auth-principal';
import { Scope } from './scope';

export interface ApiKeyRequest {
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly customerId?: string;
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly repository: ApiKeysRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Creates a key and returns its secret, which is never retrievable again. */
  async create(request: ApiKeyRequest): Promise<{ key: ApiKeyEntity; secret: string }> {
    assertCoherentScopes(request);
    const generated = generateApiKey();
    const key = await this.repository
      .insert({
        name: request.name,
        prefix: generated.prefix,
        hash: generated.hash,
        scopes: [...new Set(request.scopes)],
        customerId: request.customerId ?? null,
      })
      .catch((error: unknown) => {
        if (sqlState(error) !== FOREIGN_KEY_VIOLATION) throw error;
        throw badRequest('unknown_customer', `Customer ${request.customerId} does not exist`, [
          {
            field: 'customerId',
            code: 'unknown_customer',
            message: 'customerId names no customer',
          },
        ]);
      });
    return { key, secret: generated.secret };
  }

  list(page: PageRequest): Promise<Page<ApiKeyEntity>> {
    return this.repository.page(page);
  }

  async revoke(id: string): Promise<ApiKeyEntity> {
    const key = await this.repository.findById(id);
    if (!key) throw notFound('API key', id);
    await this.repository.revoke(id, this.clock.now());
    return (await this.repository.findById(id)) ?? key;
  }

  async authenticate(secret: string): Promise<AuthPrincipal | null> {
    if (this.config.adminApiKey !== null && sameSecret(secret, this.config.adminApiKey)) {
      return { keyId: null, scopes: ['admin'], customerId: null };
    }
    const key = await this.repository.findActiveByHash(hashApiKey(secret));
    return key ? { keyId: key.id, scopes: key.scopes, customerId: key.customerId } : null;
  }

  hasAnyKey(): Promise<boolean> {
    return this.repository.exists();
  }
}

/** A customer key reads one customer's data: it carries that scope alone and names the customer. */
function assertCoherentScopes(request: ApiKeyRequest): void {
  const isCustomerKey = request.scopes.includes('customer');
  if (isCustomerKey && request.scopes.length > 1) {
    throw badRequest('invalid_scopes', 'A customer key cannot carry other scopes', [
      {
        field: 'scopes',
        code: 'customer_scope_alone',
        message: 'scope customer cannot be combined with others',
      },
    ]);
  }
  if (isCustomerKey !== (request.customerId !== undefined)) {
    throw badRequest(
      'invalid_scopes',
      'customerId is required with scope customer, and only with it',
      [
        {
          field: 'customerId',
          code: 'customer_id_mismatch',
          message: 'customerId goes with scope customer only',
        },
      ],
    );
  }
}
