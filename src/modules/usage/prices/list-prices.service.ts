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
import { ConflictsWriter, NewConflict } from '../ingestion/conflicts.repository';
import { contentHash } from '../ingestion/content-hash';
import { emptyCounts, IngestCounts, Positioned, RecordProblem } from '../ingestion/ingest-outcome';
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

  async ingest(prices: readonly Positioned<ListPrice>[], importId: string | null) {
    const items: PriceItem[] = prices.map((p) => {
      const { priceEndTime: _end, ...core } = p.value;
      return {
        ...p,
        key: priceKey(p.value),
        hash: contentHash(p.value),
        coreHash: contentHash(core),
      };
    });
    const { unique, repeated, clashing } = splitByKey(items);
    const counts: IngestCounts = { ...emptyCounts(), received: prices.length };
    const problems: RecordProblem[] = [];
    const changed: ListPrice[] = [];
    await this.dataSource.transaction(async (manager) => {
      const inserted = await this.repository.insertNew(manager, unique);
      const stored = await this.repository.storedHashes(
        manager,
        unique.filter((u) => !inserted.has(u.key)).map((u) => u.value),
      );
      const conflicts: NewConflict[] = [];
      for (const item of unique) {
        const existing = stored.get(item.key);
        if (inserted.has(item.key)) {
          counts.accepted++;
          changed.push(item.value);
        } else if (!existing || existing.contentHash === item.hash) {
          counts.duplicates++;
          problems.push(problemOf(item, 'duplicate', 'Already received with the same content'));
        } else if (existing.coreHash === item.coreHash) {
          await this.repository.setEndTime(manager, item.value, item.hash, this.clock.now());
          counts.updated++;
          changed.push(item.value);
        } else {
          counts.conflicts++;
          conflicts.push({
            key: item.key,
            existingHash: existing.contentHash,
            incomingHash: item.hash,
            incoming: item.value,
          });
          problems.push(
            problemOf(
              item,
              'conflict',
              'A price with this key and start time already has other values',
            ),
          );
        }
      }
      for (const item of repeated) {
        counts.duplicates++;
        problems.push(problemOf(item, 'duplicate', 'Sent twice with the same content'));
      }
      for (const { item, firstHash } of clashing) {
        counts.conflicts++;
        conflicts.push({
          key: item.key,
          existingHash: firstHash,
          incomingHash: item.hash,
          incoming: item.value,
        });
        problems.push(
          problemOf(item, 'conflict', 'Sent twice with other content; the first is kept'),
        );
      }
      await this.conflicts.record(manager, 'price', conflicts, importId);
    });
    if (changed.length > 0) {
      const change: AttributionInputsChanged = {
        kind: 'prices_changed',
        skuNames: [...new Set(changed.map((p) => p.skuName))],
        from: new Date(Math.min(...changed.map((p) => p.priceStartTime.getTime()))),
      };
      await this.events.emitAsync(ATTRIBUTION_INPUTS_CHANGED, change);
    }
    return { counts, problems };
  }
}

function problemOf(
  item: PriceItem,
  outcome: 'duplicate' | 'conflict',
  message: string,
): RecordProblem {
  return { ...item.position, recordId: item.key, outcome, code: outcome, message };
}
