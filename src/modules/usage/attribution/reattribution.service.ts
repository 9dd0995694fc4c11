import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../shared/events/attribution-inputs';
import { ATTRIBUTION_LOCK } from './attribution-lock';
import { OwedRunReattribution, PendingRunReattributions } from './pending-run-reattributions';
import { reattributionSql } from './reattribution.sql';

/** Word for word the predicate of the partial index usage_records_long_window (1764450000000). */
const LONG_USAGE_WINDOW = `r.usage_end_time - r.usage_start_time > interval '1 hour'`;

interface Selection {
  readonly where: string;
  readonly parameters: unknown[];
  /** What `where` reads besides usage_records r (see reattributionSql). */
  readonly source?: string;
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
  }
}

/**
 * The rows changes of runs owe re-attribution, room by room. A run decides the trigger of the
 * hours it overlaps (the hour it starts in included): the rows that end after it starts. Those of
 * at most an hour also start at most an hour before it, which the (room_id, usage_start_time)
 * index and the monthly partitions can find; the longer ones (none, in hourly exports) are read
 * from their own partial index. By the end time alone, every batch of events read every row the
 * rooms ever had.
 */
function owedRunsSelection(owed: readonly OwedRunReattribution[]): Selection {
  return {
    source: `unnest($1::text[], $2::timestamptz[]) AS owed(room_id, from_time)
             JOIN usage_records r ON r.room_id = owed.room_id`,
    where: `r.usage_end_time > owed.from_time
            AND (r.usage_start_time > owed.from_time - interval '1 hour' OR ${LONG_USAGE_WINDOW})`,
    parameters: [owed.map((o) => o.roomId), owed.map((o) => o.from.toISOString())],
  };
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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly owedRuns: PendingRunReattributions,
  ) {}

  @OnEvent(ATTRIBUTION_INPUTS_CHANGED, { suppressErrors: false })
  async onInputsChanged(change: AttributionInputsChanged): Promise<number> {
    const changed = await this.run(this.dataSource.manager, () =>
      Promise.resolve(selectionFor(change)),
    );
    if (changed > 0) this.logger.log(`${change.kind}: re-attributed ${changed} usage records`);
    return changed;
  }

  /**
   * What changes of runs owe (see PendingRunReattributions), re-attributed in one statement and
   * taken in the same transaction; with `quietMs`, only the rooms no batch touched for that long.
   */
  async owedByRuns(quietMs?: number): Promise<number> {
    if (!(await this.owedRuns.any(this.dataSource.manager, quietMs))) return 0;
    const changed = await this.run(this.dataSource.manager, async (tx) => {
      const owed = await this.owedRuns.take(tx, quietMs);
      return owed.length > 0 ? owedRunsSelection(owed) : null;
    });
    if (changed > 0) this.logger.log(`runs changed: re-attributed ${changed} usage records`);
    return changed;
  }

  /** Everything quarantined, attributed again (the periodic sweep). */
  quarantined(manager: EntityManager): Promise<number> {
    const all: Selection = { where: `r.status = 'quarantined'`, parameters: [] };
    return this.run(manager, () => Promise.resolve(all));
  }

  /**
   * Re-attributes under the exclusive attribution lock: usage batches hold it shared while they
   * write, so this waits for batches in flight (which attributed against the old inputs) and then
   * sees their rows, and later batches see the new inputs. The rows are chosen once the lock is
   * held.
   */
  private async run(
    manager: EntityManager,
    select: (tx: EntityManager) => Promise<Selection | null>,
  ): Promise<number> {
    const work = async (tx: EntityManager) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ATTRIBUTION_LOCK]);
      const selection = await select(tx);
      if (selection === null) return 0;
      // Without JIT, which costs this statement more than it saves: 14,400 rows re-attributed in
      // 0.28 s without, 0.29–0.46 s with (0.1–0.16 s of it compiling); 600,000 rows in 41 s
      // without, 44.5 s with.
      await tx.query(`SELECT set_config('jit', 'off', true)`);
      const rows: { changed: number }[] = await tx.query(
        reattributionSql(selection.where, selection.source),
        selection.parameters,
      );
      return rows[0]?.changed ?? 0;
    };
    return manager.queryRunner?.isTransactionActive ? work(manager) : manager.transaction(work);
  }
}
