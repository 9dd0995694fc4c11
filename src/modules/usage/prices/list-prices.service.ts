import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../shared/events/attribution-inputs';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { ListPrice } from '../domain/list-price';
import { batchOutcomes } from '../ingestion/batch-outcomes';
import { ConflictsWriter } from '../ingestion/conflicts.repository';
import { contentHash } from '../ingestion/content-hash';
import { BatchResult, Positioned } from '../ingestion/ingest-outcome';
import type { BeforeCommit } from '../imports/ingest-spec';
import { KeyedItem, splitByKey } from '../ingestion/keyed-batch';
import { ListPricesRepository, priceKey } from './list-prices.repository';

type PriceItem = KeyedItem<ListPrice> & { coreHash: string };

/**
 * The effective-dated price book, fed from system.billing.list_prices (or by hand in the same
 * shape). New prices re-price the usage they cover; quarantined `no_price` usage gets resolved.
 */
@Injectable()
export class ListPricesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ListPricesRepository,
    private readonly conflicts: ConflictsWriter,
    private readonly events: EventEmitter2,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async ingest(
    prices: readonly Positioned<ListPrice>[],
    importId: string | null,
    beforeCommit?: BeforeCommit,
  ): Promise<BatchResult> {
    const items: PriceItem[] = prices.map((p) => {
      const { priceEndTime: _end, ...core } = p.value;
      return {
        ...p,
        key: priceKey(p.value),
        hash: contentHash(p.value),
        coreHash: contentHash(core),
      };
    });
    const split = splitByKey(items);
    const changed: ListPrice[] = [];
    const outcomes = await this.dataSource.transaction(async (manager) => {
      const inserted = await this.repository.insertNew(manager, split.unique);
      const stored = await this.repository.storedHashes(
        manager,
        split.unique.filter((u) => !inserted.has(u.key)).map((u) => u.value),
      );
      const result = batchOutcomes(split, prices.length, {
        isStored: (item) => inserted.has(item.key),
        onStored: (item) => changed.push(item.value),
        storedHash: (item) => stored.get(item.key)?.contentHash,
        resolveKnown: (item, storedHash) => {
          if (storedHash === item.hash) return 'duplicate';
          // Databricks closes an open price by setting its end time; reopening a closed price or
          // moving its end is another version of it, not an update.
          const known = stored.get(item.key);
          const closing = known?.open === true && item.value.priceEndTime !== null;
          return closing && known.coreHash === item.coreHash ? 'updated' : 'conflict';
        },
      });
      for (const item of result.updated) {
        await this.repository.setEndTime(manager, item.value, item.hash, this.clock.now());
        changed.push(item.value);
      }
      await this.conflicts.record(manager, 'price', result.conflicts, importId);
      await beforeCommit?.(manager, { counts: result.counts, problems: result.problems });
      return result;
    });
    if (changed.length > 0) {
      const change: AttributionInputsChanged = {
        kind: 'prices_changed',
        skuNames: [...new Set(changed.map((p) => p.skuName))],
        from: new Date(Math.min(...changed.map((p) => p.priceStartTime.getTime()))),
      };
      await this.events.emitAsync(ATTRIBUTION_INPUTS_CHANGED, change);
    }
    return { counts: outcomes.counts, problems: outcomes.problems };
  }
}
