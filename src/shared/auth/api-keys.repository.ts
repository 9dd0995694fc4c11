import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { keysetPage, Page, PageRequest } from '../database/keyset-page';
import { ApiKeyEntity } from './api-key.entity';
import { Scope } from './scope';

export interface NewApiKey {
  readonly name: string;
  readonly prefix: string;
  readonly hash: string;
  readonly scopes: readonly Scope[];
  readonly customerId: string | null;
}

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  async insert(key: NewApiKey): Promise<ApiKeyEntity> {
    const rows: ApiKeyEntity[] = await this.keys.query(
      `INSERT INTO api_keys (name, key_prefix, key_hash, scopes, customer_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [key.name, key.prefix, key.hash, key.scopes, key.customerId],
    );
    return this.keys.findOneByOrFail({ id: rows[0].id });
  }

  findActiveByHash(hash: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ keyHash: hash, revokedAt: IsNull() });
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ id });
  }

  page(request: PageRequest): Promise<Page<ApiKeyEntity>> {
    return keysetPage(this.keys.createQueryBuilder('k'), 'k', request);
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: at });
  }

  async exists(): Promise<boolean> {
    return (await this.keys.count({ take: 1 })) > 0;
  }
}
