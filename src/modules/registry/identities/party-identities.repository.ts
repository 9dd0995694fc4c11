import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { keysetPage, Page, PageRequest } from '../../../shared/database/keyset-page';
import { IdentityKind, Party, PartyIdentityEntity } from './party-identity.entity';

export interface IdentityFilter {
  readonly kind?: IdentityKind;
  readonly party?: Party;
  readonly customerId?: string;
  readonly value?: string;
}

export type NewIdentity = Pick<
  PartyIdentityEntity,
  'kind' | 'value' | 'party' | 'customerId' | 'description'
>;

@Injectable()
export class PartyIdentitiesRepository {
  constructor(
    @InjectRepository(PartyIdentityEntity)
    private readonly identities: Repository<PartyIdentityEntity>,
  ) {}

  async insert(identity: NewIdentity): Promise<PartyIdentityEntity> {
    const result = await this.identities.insert(identity);
    return this.identities.findOneByOrFail({ id: String(result.identifiers[0].id) });
  }

  findById(id: string): Promise<PartyIdentityEntity | null> {
    return this.identities.findOneBy({ id });
  }

  async delete(id: string): Promise<boolean> {
    return ((await this.identities.delete({ id })).affected ?? 0) > 0;
  }

  page(filter: IdentityFilter, request: PageRequest): Promise<Page<PartyIdentityEntity>> {
    const query = this.identities.createQueryBuilder('i');
    if (filter.kind !== undefined) query.andWhere('i.kind = :kind', { kind: filter.kind });
    if (filter.party !== undefined) query.andWhere('i.party = :party', { party: filter.party });
    if (filter.customerId !== undefined)
      query.andWhere('i.customer_id = :customerId', { customerId: filter.customerId });
    if (filter.value !== undefined) query.andWhere('i.value = :value', { value: filter.value });
    return keysetPage(query, 'i', request);
  }
}
