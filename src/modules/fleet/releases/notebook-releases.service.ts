import { Inject, Injectable } from '@nestjs/common';
import { Page, PageRequest } from '../../../shared/database/keyset-page';
import { sqlState, UNIQUE_VIOLATION } from '../../../shared/database/sql-state';
import { conflict, notFound, validationFailed } from '../../../shared/errors/domain-error';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { NotebookReleaseDetail, NotebookReleaseResponse } from './notebook-release.dto';
import type { NotebookReleaseEntity } from './notebook-release.entity';
import { NewRelease, NotebookReleasesRepository } from './notebook-releases.repository';
import { ReleaseAdoption } from './release-adoption';

/** Notebook releases, and where every room stands against one (issue 15, part 4). */
@Injectable()
export class NotebookReleasesService {
  constructor(
    private readonly repository: NotebookReleasesRepository,
    private readonly adoption: ReleaseAdoption,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** 400 when the cutover comes before the release; 409 for a second release of one etag. */
  async create(release: NewRelease): Promise<NotebookReleaseEntity> {
    if (release.cutoverAt < release.releasedAt) {
      throw validationFailed([
        {
          field: 'cutoverAt',
          code: 'before_release',
          message: 'cutoverAt must not be before releasedAt',
        },
      ]);
    }
    return this.repository.insert(release).catch((error: unknown) => {
      if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
      throw conflict(
        'already_exists',
        `Etag ${release.etag} of notebook ${release.notebookName} is already released`,
      );
    });
  }

  list(filter: { notebookName?: string }, page: PageRequest): Promise<Page<NotebookReleaseEntity>> {
    return this.repository.page(filter, page);
  }

  async detailOrThrow(id: string): Promise<NotebookReleaseDetail> {
    const release = await this.repository.findById(id);
    if (!release) throw notFound('Notebook release', id);
    const now = this.clock.now();
    const later = await this.repository.releasedAfter(release.notebookName, release.releasedAt);
    const accepted = new Set([release.etag, ...later.map((other) => other.etag)]);
    const { counts, customers } = await this.adoption.byCustomer(release, accepted, now);
    return {
      ...NotebookReleaseResponse.from(release),
      asOf: now.toISOString(),
      counts,
      customers,
    };
  }
}
