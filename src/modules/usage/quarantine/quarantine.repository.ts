import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  decodeCursor,
  encodeCursor,
  Page,
  PageRequest,
} from '../../../shared/database/keyset-page';

export interface QuarantinedRow {
  readonly record_id: string;
  readonly record_type: string;
  readonly usage_start_time: Date;
  readonly usage_end_time: Date;
  readonly room_id: string | null;
  readonly account_id: string | null;
  readonly run_as: string | null;
  readonly sku_name: string;
  readonly usage_quantity: string;
  readonly reason: string;
  readonly customer_id: string | null;
  readonly received_at: Date;
}

export interface QuarantineFilter {
  readonly reason?: string;
  readonly roomId?: string;
}

/** Quarantined usage, oldest usage first, paged on (usage_start_time, record_id, record_type). */
@Injectable()
export class QuarantineRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(filter: QuarantineFilter, request: PageRequest): Promise<Page<QuarantinedRow>> {
    const after = request.cursor === undefined ? null : decodeCursor(request.cursor, 3);
    const rows: QuarantinedRow[] = await this.dataSource.query(
      `SELECT record_id, record_type, usage_start_time, usage_end_time, room_id, account_id, run_as, sku_name,
              usage_quantity::text AS usage_quantity, reason, customer_id, received_at
       FROM usage_records
       WHERE status = 'quarantined'
         AND ($1::text IS NULL OR reason = $1) AND ($2::text IS NULL OR room_id = $2)
         AND ($3::timestamptz IS NULL OR (usage_start_time, record_id, record_type) > ($3, $4, $5))
       ORDER BY usage_start_time, record_id, record_type
       LIMIT $6`,
      [
        filter.reason ?? null,
        filter.roomId ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        after?.[2] ?? null,
        request.limit + 1,
      ],
    );
    const items = rows.slice(0, request.limit);
    const last = items[items.length - 1];
    const more = rows.length > request.limit && last;
    return {
      items,
      nextCursor: more
        ? encodeCursor([last.usage_start_time.toISOString(), last.record_id, last.record_type])
        : null,
    };
  }

  /** How much is waiting, by reason: what a finance reviewer checks before closing a month. */
  async totals(
    filter: QuarantineFilter,
  ): Promise<{ reason: string; records: number; dbu: string }[]> {
    return this.dataSource.query(
      `SELECT reason, count(*)::int AS records, sum(usage_quantity)::text AS dbu
       FROM usage_records
       WHERE status = 'quarantined' AND ($1::text IS NULL OR reason = $1) AND ($2::text IS NULL OR room_id = $2)
       GROUP BY reason ORDER BY reason`,
      [filter.reason ?? null, filter.roomId ?? null],
    );
  }
}
