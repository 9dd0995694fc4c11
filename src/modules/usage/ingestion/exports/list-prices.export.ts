import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, CLOCK } from '../../../../shared/time/clock';
import { ListPrice } from '../../../pricebook/prices/list-price';
import { ListPriceRecorder, priceKey } from '../../../pricebook/prices/list-price-recorder';
import { normalizeListPrice } from '../../domain/normalize-list-price';
import { PRICE_TEXT_LIMITS } from '../../domain/text-limits';
import { contentHash } from '../content-hash';
import { ExportKind, StoredBatch } from '../export-kind';
import { Positioned } from '../ingest-outcome';
import { KeyedItem, SplitBatch } from '../keyed-batch';
import { validateRows } from '../validate-rows';

/** A price keyed, with the fingerprint of all but its end time (what closing it may change). */
type PriceItem = KeyedItem<ListPrice> & { coreHash: string };

/**
 * system.billing.list_prices (or prices set by hand in that shape), into the effective-dated
 * price book, written by pricebook's ListPriceRecorder in the batch's transaction. New prices
 * re-price the usage they cover; quarantined `no_price` usage gets resolved (both by the change
 * the recorder announces once the batch commits).
 */
@Injectable()
export class ListPricesExport implements ExportKind<ListPrice, PriceItem> {
  readonly kind = 'prices' as const;

  constructor(
    private readonly priceBook: ListPriceRecorder,
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
    const inserted = await this.priceBook.insertNew(manager, split.unique);
    const stored = await this.priceBook.storedHashes(
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
          await this.priceBook.setEndTime(tx, item.value, item.hash, this.clock.now());
          changed.push(item.value);
        }
      },
      afterCommit: () => this.priceBook.announce(changed),
    };
  }
}
