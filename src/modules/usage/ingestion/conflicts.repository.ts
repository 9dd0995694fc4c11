import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type ConflictSource = 'usage' | 'price' | 'event';

export interface NewConflict {
  readonly key: string;
  readonly existingHash: string;
  readonly incomingHash: string;
  readonly incoming: object;
}

/** Records each distinct conflicting version once; the first version stays in place. */
@Injectable()
export class ConflictsWriter {
  async record(
    manager: EntityManager,
    source: ConflictSource,
    conflicts: readonly NewConflict[],
    importId: string | null,
  ) {
    if (conflicts.length === 0) return;
    await manager.query(
      `INSERT INTO ingest_conflicts (source, key, existing_hash, incoming_hash, incoming, import_id)
       SELECT $1, k, e, i, j, $6 FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[]) AS t(k, e, i, j)
       ON CONFLICT ON CONSTRAINT ingest_conflicts_once DO NOTHING`,
      [
        source,
        conflicts.map((c) => c.key),
        conflicts.map((c) => c.existingHash),
        conflicts.map((c) => c.incomingHash),
        conflicts.map((c) => JSON.stringify(c.incoming)),
        importId,
      ],
    );
  }
}
