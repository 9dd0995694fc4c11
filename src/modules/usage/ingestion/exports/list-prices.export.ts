import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { EntityManager } from 'typeorm';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../../shared/events/attribution-inputs';
import { Clock, CLOCK } from '../../../../shared/time/clock';
import { ListPrice } from '../../domain/list-price';
import { normalizeListPrice } from '../../domain/normalize-list-price';
import { PRICE_TEXT_LIMITS } from '../../domain/text-limits';
import { ListPricesRepository, priceKey } from '../../prices/list-prices.repository';
import { contentHash } from '../content-hash';
import { ExportKind, StoredBatch } from '../export-kind';
import { Positioned } from '../ingest-outcome';
import { KeyedItem, SplitBatch } from '../keyed-batch';
import { validateRows } from '../validate-rows';

/** A price keyed, with the fingerprint of all but its end time (what closing it may change). */
type PriceItem = KeyedItem<ListPrice> & { coreHash: string };

/**
 * system.billing.list_prices (or prices set by hand in that shape), into the effective-dated
 * price book. New prices re-price the usage they cover; quarantined `no_price` usage gets
 * resolved (both by the change announced once the batch commits).
 */
@Injectable()
export class ListPricesExport implements ExportKind<ListPrice, PriceItem> {
  readonly kind = 'prices' as const;

  constructor(
    private readonly repository: ListPricesRepository,
    private readonly events: EventEmitter2,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  validate(rows: readonly Positioned<unknown>[]) {
    return validateRows(rows, normalizeListPrice, 'sku_name', PRICE_TEXT_LIMITS);
  }

  keyed(price: Positioned<ListPrice>): PriceItem {
    const { priceEndTime: _end, ...core } = price.value;
    return {
      ...price,
      key: priceKey(price.value),
      hash: contentHash(price.value),
      coreHash: contentHash(core),
    };
  }

  async store(
    manager: EntityManager,
    split: SplitBatch<PriceItem>,
  ): Promise<StoredBatch<PriceItem>> {
    const inserted = await this.repository.insertNew(manager, split.unique);
    const stored = await this.repository.storedHashes(
      manager,
      split.unique.filter((u) => !inserted.has(u.key)).map((u) => u.value),
    );
    const changed: ListPrice[] = [];
    return {
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
      afterOutcomes: async (tx, { updated }) => {
        for (const item of updated) {
          await this.repository.setEndTime(tx, item.value, item.hash, this.clock.now());
          changed.push(item.value);
        }
      },
      afterCommit: () => this.announce(changed),
    };
  }

  private async announce(changed: readonly ListPrice[]): Promise<void> {
    if (changed.length === 0) return;
    const change: AttributionInputsChanged = {
      kind: 'prices_changed',
      skuNames: [...new Set(changed.map((p) => p.skuName))],
      from: new Date(Math.min(...changed.map((p) => p.priceStartTime.getTime()))),
    };
    await this.events.emitAsync(ATTRIBUTION_INPUTS_CHANGED, change);
  }
}
