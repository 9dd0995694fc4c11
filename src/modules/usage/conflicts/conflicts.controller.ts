import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsIn } from 'class-validator';
import { Repository } from 'typeorm';
import { Access } from '../../../shared/auth/access.decorator';
import { keysetPage } from '../../../shared/database/keyset-page';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { PageQueryDto } from '../../../shared/http/page-query.dto';
import { Optional } from '../../../shared/validation/optional.decorator';
import { ConflictEntity } from './conflict.entity';

const SOURCES = ['usage', 'price', 'event'] as const;

export class ConflictsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: SOURCES, default: 'usage' })
  @Optional()
  @IsIn(SOURCES)
  source?: (typeof SOURCES)[number];
}

export class ConflictResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SOURCES }) source: string;
  @ApiProperty({ description: 'record_id/record_type, event_id, or the price key' }) key: string;
  @ApiProperty({ description: 'Fingerprint of the version kept' }) existingHash: string;
  @ApiProperty({ description: 'Fingerprint of the version refused' }) incomingHash: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The refused version, normalised',
  })
  incoming: object;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) importId: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}

export class ConflictPage {
  @ApiProperty({ type: [ConflictResponse] }) data: ConflictResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}

@ApiTags('usage')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1/usage/conflicts')
export class ConflictsController {
  constructor(
    @InjectRepository(ConflictEntity) private readonly conflicts: Repository<ConflictEntity>,
  ) {}

  @Get()
  @Access('ingest', 'finance')
  @ApiOperation({
    summary: 'Records sent again under a known key with other content (the first version is kept)',
  })
  @ApiOkResponse({ type: ConflictPage })
  async list(@Query() query: ConflictsQuery): Promise<ConflictPage> {
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
