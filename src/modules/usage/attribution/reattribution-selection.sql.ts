import type { AttributionInputsChanged } from '../../../shared/events/attribution-inputs';
import type { OwedRunReattribution } from './pending-run-reattributions';

/** Word for word the predicate of the partial index usage_records_long_window (1764455000000). */
const LONG_USAGE_WINDOW = `r.usage_end_time - r.usage_start_time > interval '1 hour'`;

/** Which usage rows a re-attribution statement takes (see reattributionSql). */
export interface Selection {
  readonly where: string;
  readonly parameters: unknown[];
  /** What `where` reads besides usage_records r (see reattributionSql). */
  readonly source?: string;
}

/**
 * Which rows a change can affect: quarantined ones it may resolve, and attributed ones whose
 * owner, trigger or cost it may change.
 */
export function selectionFor(change: AttributionInputsChanged): Selection {
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
export function owedRunsSelection(owed: readonly OwedRunReattribution[]): Selection {
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
