import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../shared/events/attribution-inputs';
import { reattributionSql } from './reattribution.sql';

interface Selection {
  readonly where: string;
  readonly parameters: unknown[];
}

/** Which rows a change can affect. */
function selectionFor(change: AttributionInputsChanged): Selection {
  switch (change.kind) {
    case 'room_registered':
      return { where: `r.status = 'quarantined' AND r.room_id = $1`, parameters: [change.roomId] };
    case 'room_transferred':
      return {
        where: `r.room_id = $1 AND r.usage_start_time >= $2`,
        parameters: [change.roomId, change.from],
      };
    case 'identity_registered':
      return { where: `r.status = 'quarantined'`, parameters: [] };
    case 'prices_changed':
      return {
        where: `r.sku_name = ANY($1) AND r.usage_start_time >= $2`,
        parameters: [change.skuNames, change.from],
      };
    case 'discount_changed':
      return { where: `r.usage_start_time >= $1`, parameters: [change.from] };
    case 'runs_changed':
      return {
        where: `r.status = 'quarantined' AND r.room_id = ANY($1)`,
        parameters: [change.roomIds],
      };
  }
}

/**
 * Keeps attribution current: when a room, identity, price, discount or run changes, the usage it
 * affects is attributed again (quarantined records get resolved) and the rollups follow.
 */
@Injectable()
export class ReattributionService {
  private readonly logger = new Logger(ReattributionService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @OnEvent(ATTRIBUTION_INPUTS_CHANGED, { suppressErrors: false })
  async onInputsChanged(change: AttributionInputsChanged): Promise<number> {
    const { where, parameters } = selectionFor(change);
    const changed = await this.run(this.dataSource.manager, where, parameters);
    if (changed > 0) this.logger.log(`${change.kind}: re-attributed ${changed} usage records`);
    return changed;
  }

  /** Everything quarantined, attributed again (the periodic sweep). */
  quarantined(manager: EntityManager): Promise<number> {
    return this.run(manager, `r.status = 'quarantined'`, []);
  }

  private async run(manager: EntityManager, where: string, parameters: unknown[]): Promise<number> {
    const rows: { changed: number }[] = await manager.query(reattributionSql(where), parameters);
    return rows[0]?.changed ?? 0;
  }
}
