import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ATTRIBUTION_LOCK } from './attribution-lock';
import { Selection } from './reattribution-selection.sql';
import { reattributionSql } from './reattribution.sql';

/** The re-attribution statement and the lock it runs under. */
@Injectable()
export class ReattributionRepository {
  /** Usage batches hold the attribution lock shared while they write (see ReattributionService). */
  async lockExclusive(tx: EntityManager): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ATTRIBUTION_LOCK]);
  }

  /** Attributes the selected rows again, in the caller's transaction; how many changed. */
  async reattribute(tx: EntityManager, selection: Selection): Promise<number> {
    // Without JIT, which costs this statement more than it saves: 14,400 rows re-attributed in
    // 0.28 s without, 0.29–0.46 s with (0.1–0.16 s of it compiling); 600,000 rows in 41 s
    // without, 44.5 s with.
    await tx.query(`SELECT set_config('jit', 'off', true)`);
    const rows: { changed: number }[] = await tx.query(
      reattributionSql(selection.where, selection.source),
      selection.parameters,
    );
    return rows[0]?.changed ?? 0;
  }
}
