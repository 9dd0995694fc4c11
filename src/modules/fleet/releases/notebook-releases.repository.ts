import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { keysetPage, Page, PageRequest } from '../../../shared/database/keyset-page';
import { NotebookReleaseEntity } from './notebook-release.entity';

export type NewRelease = Pick<
  NotebookReleaseEntity,
  'notebookName' | 'etag' | 'releasedAt' | 'cutoverAt'
>;

@Injectable()
export class NotebookReleasesRepository {
  constructor(
    @InjectRepository(NotebookReleaseEntity)
    private readonly releases: Repository<NotebookReleaseEntity>,
  ) {}

  async insert(release: NewRelease): Promise<NotebookReleaseEntity> {
    const result = await this.releases.insert(release);
    return this.releases.findOneByOrFail({ id: String(result.identifiers[0].id) });
  }

  findById(id: string): Promise<NotebookReleaseEntity | null> {
    return this.releases.findOneBy({ id });
  }

  /** The releases of the notebook released after `after`. */
  releasedAfter(notebookName: string, after: Date): Promise<NotebookReleaseEntity[]> {
    return this.releases.findBy({ notebookName, releasedAt: MoreThan(after) });
  }

  page(
    filter: { notebookName?: string },
    request: PageRequest,
  ): Promise<Page<NotebookReleaseEntity>> {
    const query = this.releases.createQueryBuilder('n');
    if (filter.notebookName !== undefined)
      query.andWhere('n.notebook_name = :name', { name: filter.notebookName });
    return keysetPage(query, 'n', request, 'newest_first');
  }
}
