import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../shared/events/attribution-inputs';
import { ATTRIBUTION_LOCK } from './attribution-lock';
import { reattributionSql } from './reattribution.sql';

interface Selection {
  readonly where: string;
  readonly parameters: unknown[];
}

/**
 * Which rows a change can affect: quarantined ones it may resolve, and attributed ones whose
 * owner, trigger or cost it may change.
 */
function selectionFor(change: AttributionInputsChanged): Selection {
  switch (change.kind) {
    case 'room_registered':
      return { where: `r.status = 'quarantined' AND r.room_id = $1`, parameters: [change.roomId] };
    case 'room_transferred':
      return {
        where: `r.room_id = $1 AND r.usage_start_time >= $2`,
        parameters: [change.roomId, change.from],
      };
    case 'identity_changed':
      return {
        where: `r.status = 'quarantined' OR ${identityUse(change.identityKind)}`,
        parameters: [change.value],
      };
    case 'prices_changed':
      return {
        where: `r.sku_name = ANY($1) AND r.usage_start_time >= $2`,
        parameters: [change.skuNames, change.from],
      };
    case 'discount_changed':
      return { where: `r.usage_start_time >= $1`, parameters: [change.from] };
    case 'runs_changed':
      // A run decides the trigger of the hours it overlaps (the hour it starts in included).
      return {
        where: `r.room_id = ANY($1) AND r.usage_end_time > $2`,
        parameters: [change.roomIds, change.from],
      };
  }
}

/** Rows whose trigger an identity of that kind and value ($1) may decide. */
function identityUse(kind: 'account' | 'sharing_identifier' | 'principal'): string {
  switch (kind) {
    case 'account':
      return `lower(r.account_id) = $1`;
    case 'principal':
      return `r.run_as = $1`;
    case 'sharing_identifier':
      return `r.room_id IN (SELECT room_id FROM clean_room_runs WHERE initiator = $1)`;
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

  /**
   * A change reaches its usage month by month (the usage table's partitions), each month in a
   * transaction of its own: ingestion waits for one month's re-attribution at a time, never for
   * all of history (a price corrected a year back touches every row since). Each month's rows
   * and their rollups move together, so the rollups stay the exact sum of the attributed rows at
   * every commit; until the last month commits, earlier months show the change and later ones
   * not yet.
   */
  @OnEvent(ATTRIBUTION_INPUTS_CHANGED, { suppressErrors: false })
  async onInputsChanged(change: AttributionInputsChanged): Promise<number> {
    const { where, parameters } = selectionFor(change);
    let changed = 0;
    for (const month of await this.monthsOf(where, parameters)) {
      const bounds = `r.usage_start_time >= $${parameters.length + 1} AND r.usage_start_time < $${parameters.length + 2}`;
      changed += await this.dataSource.transaction((tx) =>
        this.run(tx, `(${where}) AND ${bounds}`, [...parameters, month.from, month.to]),
      );
    }
    if (changed > 0) this.logger.log(`${change.kind}: re-attributed ${changed} usage records`);
    return changed;
  }

  /** Everything quarantined, attributed again in the caller's transaction (the periodic sweep). */
  quarantined(manager: EntityManager): Promise<number> {
    return this.run(manager, `r.status = 'quarantined'`, []);
  }

  /**
   * The months holding rows the change may affect. Read under the exclusive lock, so batches that
   * attributed against the old inputs have committed and their rows are seen; batches after it
   * read the new inputs themselves.
   */
  private monthsOf(where: string, parameters: unknown[]): Promise<{ from: Date; to: Date }[]> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ATTRIBUTION_LOCK]);
      const rows: { year: number; month: number }[] = await tx.query(
        `SELECT DISTINCT extract(year FROM r.usage_start_time AT TIME ZONE 'UTC')::int AS year,
                         extract(month FROM r.usage_start_time AT TIME ZONE 'UTC')::int AS month
         FROM usage_records r WHERE ${where}
         ORDER BY 1, 2`,
        parameters,
      );
      // UTC months, as the partitions are cut (month arithmetic in SQL would follow the session's
      // time zone).
      return rows.map(({ year, month }) => ({
        from: new Date(Date.UTC(year, month - 1, 1)),
        to: new Date(Date.UTC(year, month, 1)),
      }));
    });
  }

  /**
   * Re-attributes under the exclusive attribution lock: usage batches hold it shared while they
   * write, so this waits for batches in flight (which attributed against the old inputs) and then
   * sees their rows, and later batches see the new inputs.
   */
  private async run(tx: EntityManager, where: string, parameters: unknown[]): Promise<number> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ATTRIBUTION_LOCK]);
    const rows: { changed: number }[] = await tx.query(reattributionSql(where), parameters);
    return rows[0]?.changed ?? 0;
  }
}
