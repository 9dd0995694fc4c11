import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { keysetPage } from '../../../shared/database/keyset-page';
import { ConflictEntity } from './conflict.entity';
import { ConflictPage, ConflictsQuery } from './conflicts.dto';

/** The versions refused under a known key (ConflictsWriter records them), a page at a time. */
@Injectable()
export class ConflictsService {
  constructor(
    @InjectRepository(ConflictEntity) private readonly conflicts: Repository<ConflictEntity>,
  ) {}

  async page(query: ConflictsQuery): Promise<ConflictPage> {
    const builder = this.conflicts
      .createQueryBuilder('c')
      .where('c.source = :source', { source: query.source ?? 'usage' });
    const page = await keysetPage(builder, 'c', query);
    return {
      data: page.items.map((c) => ({
        id: c.id,
        source: c.source,
        key: c.key,
        existingHash: c.existingHash,
        incomingHash: c.incomingHash,
        incoming: c.incoming,
        importId: c.importId,
        receivedAt: c.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }
}
