import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { USAGE_TEXT_LIMITS } from '../../domain/text-limits';
import { ExportKind, StoredBatch } from '../export-kind';
import { Positioned } from '../ingest-outcome';
import { KeyedItem, SplitBatch } from '../keyed-batch';
import { UsageIngestRepository } from '../usage-ingest.repository';
import { UsagePartitions } from '../usage-partitions';
import { columnsOf, conflictKeyOf, recordFromRow, recordIdOf, UsageRow } from '../usage-columns';
import { usageRowFrom } from '../usage-row-from';
import { validateRows } from '../validate-rows';

const REASON_MESSAGES: Record<string, string> = {
  missing_room_id: 'Clean-room usage without a central_clean_room_id',
  unknown_room: 'The room is not registered',
  no_owner: 'The room had no owner at usage_start_time',
  unknown_trigger:
    'Neither the account, the run_as principal nor a covering run ties the usage to a party',
  trigger_other_customer:
    "The billed account, run_as principal or run initiator belongs to another customer than the room's owner",
  no_price: "No list price in force for this SKU, cloud, unit and the customer's currency",
};

type UsageItem = KeyedItem<UsageRow>;

/**
 * Validates raw usage rows into the rows the ingest statement takes (validateRows refuses text
 * that cannot be stored as it came first, and keeps the rows' order).
 */
export function validateUsage(rows: readonly Positioned<unknown>[]) {
  return validateRows(rows, usageRowFrom, 'record_id', USAGE_TEXT_LIMITS);
}

/**
 * system.billing.usage (JSON or CSV): new keys are inserted, attributed and rolled up in a single
 * statement; known keys are duplicates (same content) or conflicts (other content).
 */
@Injectable()
export class UsageExport implements ExportKind<UsageRow, UsageItem> {
  readonly kind = 'usage' as const;

  constructor(
    private readonly partitions: UsagePartitions,
    private readonly repository: UsageIngestRepository,
  ) {}

  validate(rows: readonly Positioned<unknown>[]) {
    return validateUsage(rows);
  }

  /**
   * A record's identity is its key hash: unambiguous, where the text `id/type` is not (the id
   * and the type may both hold a '/').
   */
  keyed({ position, value }: Positioned<UsageRow>): UsageItem {
    return { position, value, key: value.keyHash, hash: value.contentHash };
  }

  async beforeBatch(rows: readonly Positioned<UsageRow>[]): Promise<void> {
    await this.partitions.ensureFor(rows.map((r) => r.value.startMs));
  }

  async store(
    manager: EntityManager,
    split: SplitBatch<UsageItem>,
    importId: string | null,
  ): Promise<StoredBatch<UsageItem>> {
    await this.repository.prepareBatch(manager);
    const exceptions = await this.repository.insertNew(
      manager,
      split.unique.map((u) => u.value),
      importId,
    );
    const isStored = (item: UsageItem) =>
      exceptions.size === 0 || exceptions.get(item.key)?.status !== null;
    const existing = await this.repository.storedHashes(
      manager,
      exceptions.size === 0 ? [] : split.unique.filter((u) => !isStored(u)).map((u) => u.key),
    );
    return {
      isStored,
      storedHash: (item) => existing.get(item.key),
      conflictKeyOf: (item) => conflictKeyOf(item.value),
      recordIdOf: (item) => recordIdOf(item.value),
      incomingOf: (item) => recordFromRow(columnsOf(item.value)),
      // Counted once: a quarantined or excluded record is stored, but not counted as accepted.
      storedAs: (item) => {
        const status = exceptions.get(item.key)?.status;
        return status === 'quarantined' || status === 'excluded' ? status : 'accepted';
      },
      onStored: (item, { problems }) => {
        const { status, reason } = exceptions.get(item.key) ?? { status: null, reason: null };
        if (status !== 'quarantined' || reason === null) return;
        problems.push({
          ...item.position,
          recordId: recordIdOf(item.value),
          outcome: 'quarantined',
          code: reason,
          message: REASON_MESSAGES[reason] ?? 'Quarantined',
        });
      },
    };
  }
}
