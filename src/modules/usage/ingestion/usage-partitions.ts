import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const DUPLICATE_TABLE = '42P07';

/**
 * usage_records is range-partitioned by month; partitions are created on demand, before the
 * batch's transaction (so DDL never holds a batch up), and remembered per process.
 */
@Injectable()
export class UsagePartitions {
  private readonly logger = new Logger(UsagePartitions.name);
  private readonly known = new Set<string>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Partitions for the months of these instants (epoch milliseconds). */
  async ensureFor(instants: Iterable<number>): Promise<void> {
    // Months counted as year × 12 + month. Rows of a batch mostly fall in the month of the row
    // before them: that is checked first, without a Date.
    const months = new Set<number>();
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (const ms of instants) {
      if (ms >= from && ms < to) continue;
      const at = new Date(ms);
      const year = at.getUTCFullYear();
      const month = at.getUTCMonth();
      months.add(year * 12 + month);
      from = Date.UTC(year, month, 1);
      to = Date.UTC(year, month + 1, 1);
    }
    for (const month of months) {
      const start = new Date(Date.UTC(Math.floor(month / 12), month % 12, 1));
      const name = `usage_records_y${start.getUTCFullYear()}m${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
      if (!this.known.has(name)) await this.create(name, start);
    }
  }

  private async create(name: string, start: Date): Promise<void> {
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    try {
      await this.dataSource.query(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF usage_records
         FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`,
      );
      this.logger.debug(`partition ${name} ready`);
    } catch (error) {
      // Another replica created it between our check and our CREATE: that is what we wanted.
      if ((error as { driverError?: { code?: string } }).driverError?.code !== DUPLICATE_TABLE)
        throw error;
    }
    this.known.add(name);
  }
}
