import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../shared/events/attribution-inputs';
import {
  FOREIGN_KEY_VIOLATION,
  sqlState,
  UNIQUE_VIOLATION,
} from '../../../shared/database/sql-state';
import { Page, PageRequest } from '../../../shared/database/keyset-page';
import {
  badRequest,
  conflict,
  notFound,
  validationFailed,
} from '../../../shared/errors/domain-error';
import { checkIdentityValue, normalizeIdentityValue } from './identity-value';
import { IdentityFilter, PartyIdentitiesRepository } from './party-identities.repository';
import { IdentityKind, Party, PartyIdentityEntity } from './party-identity.entity';

export interface IdentityRequest {
  readonly kind: IdentityKind;
  readonly value: string;
  readonly party: Party;
  readonly customerId?: string;
  readonly description?: string;
}

@Injectable()
export class PartyIdentitiesService {
  constructor(
    private readonly repository: PartyIdentitiesRepository,
    private readonly events: EventEmitter2,
  ) {}

  async register(request: IdentityRequest): Promise<PartyIdentityEntity> {
    const value = normalizeIdentityValue(request.value);
    const valueError = checkIdentityValue(request.kind, value);
    if (valueError) throw validationFailed([valueError]);
    if ((request.party === 'customer') !== (request.customerId !== undefined)) {
      throw validationFailed([
        {
          field: 'customerId',
          code: 'customer_id_mismatch',
          message: 'customerId is required for party customer, and only for it',
        },
      ]);
    }
    const identity = await this.repository
      .insert({
        kind: request.kind,
        value,
        party: request.party,
        customerId: request.customerId ?? null,
        description: request.description ?? null,
      })
      .catch((error: unknown) => {
        const state = sqlState(error);
        if (state === UNIQUE_VIOLATION)
          throw conflict('identity_taken', `The ${request.kind} ${value} is already registered`);
        if (state === FOREIGN_KEY_VIOLATION)
          throw badRequest('unknown_customer', `Customer ${request.customerId} does not exist`);
        throw error;
      });
    await this.changed(identity);
    return identity;
  }

  async findOrThrow(id: string): Promise<PartyIdentityEntity> {
    const identity = await this.repository.findById(id);
    if (!identity) throw notFound('Identity', id);
    return identity;
  }

  list(filter: IdentityFilter, page: PageRequest): Promise<Page<PartyIdentityEntity>> {
    const value = filter.value === undefined ? undefined : normalizeIdentityValue(filter.value);
    return this.repository.page({ ...filter, value }, page);
  }

  /** Usage the identity tied to a party goes back to whatever else decides it, or to quarantine. */
  async remove(id: string): Promise<void> {
    const identity = await this.findOrThrow(id);
    if (!(await this.repository.delete(id))) throw notFound('Identity', id);
    await this.changed(identity);
  }

  private async changed(identity: PartyIdentityEntity): Promise<void> {
    const change: AttributionInputsChanged = {
      kind: 'identity_changed',
      identityKind: identity.kind,
      value: identity.value,
    };
    await this.events.emitAsync(ATTRIBUTION_INPUTS_CHANGED, change);
  }
}
