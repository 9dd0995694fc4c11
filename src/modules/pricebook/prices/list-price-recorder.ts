import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { EntityManager } from 'typeorm';
import {
  ATTRIBUTION_INPUTS_CHANGED,
  AttributionInputsChanged,
} from '../../../shared/events/attribution-inputs';
import { ListPrice } from './list-price';

export interface StoredPriceHashes {
  readonly contentHash: string;
  readonly coreHash: string;
  /** Whether the stored price is still open (no price_end_time yet). */
  readonly open: boolean;
}

/** A price's identity; the key insertNew returns for the prices it stored. */
export const priceKey = (p: ListPrice) =>
  [p.skuName, p.cloud, p.usageUnit, p.currencyCode, p.priceStartTime.toISOString()].join('|');

/**
 * The price book's writer for the list-prices export, which usage's ingestion pipeline runs
 * (issue 14): it writes in the caller's transaction (its EntityManager); once that has committed,
 * the caller has it announce what changed.
 */
@Injectable()
export class ListPriceRecorder {
  constructor(private readonly events: EventEmitter2) {}

  /** Inserts new prices; returns the keys that were new. */
  async insertNew(
    manager: EntityManager,
    prices: readonly { value: ListPrice; hash: string; coreHash: string }[],
  ) {
    if (prices.length === 0) return new Set<string>();
    const rows: { key: string }[] = await manager.query(
      `INSERT INTO list_prices (sku_name, cloud, usage_unit, currency_code, price_start_time, price_end_time, account_id,
                                default_price, promotional_price, effective_list_price, extra, content_hash, core_hash)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[],
                            $7::text[], $8::numeric[], $9::numeric[], $10::numeric[], $11::jsonb[], $12::text[], $13::text[])
       ON CONFLICT ON CONSTRAINT list_prices_key DO NOTHING
       RETURNING concat_ws('|', sku_name, cloud, usage_unit, currency_code,
                           to_char(price_start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS key`,
      [
        prices.map((p) => p.value.skuName),
        prices.map((p) => p.value.cloud),
        prices.map((p) => p.value.usageUnit),
        prices.map((p) => p.value.currencyCode),
        prices.map((p) => p.value.priceStartTime.toISOString()),
        prices.map((p) => p.value.priceEndTime?.toISOString() ?? null),
        prices.map((p) => p.value.accountId),
        prices.map((p) => p.value.defaultPrice),
        prices.map((p) => p.value.promotionalPrice),
        prices.map((p) => p.value.effectiveListPrice),
        prices.map((p) => JSON.stringify(p.value.extra)),
        prices.map((p) => p.hash),
        prices.map((p) => p.coreHash),
      ],
    );
    return new Set(rows.map((r) => r.key));
  }

  async storedHashes(
    manager: EntityManager,
    prices: readonly ListPrice[],
  ): Promise<Map<string, StoredPriceHashes>> {
    if (prices.length === 0) return new Map();
    const rows: { key: string; content_hash: string; core_hash: string; open: boolean }[] =
      await manager.query(
        `SELECT concat_ws('|', p.sku_name, p.cloud, p.usage_unit, p.currency_code,
                        to_char(p.price_start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS key,
              p.content_hash, p.core_hash, p.price_end_time IS NULL AS open
       FROM list_prices p
       JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS q(s, c, u, cur, st)
         ON p.sku_name = q.s AND p.cloud = q.c AND p.usage_unit = q.u AND p.currency_code = q.cur AND p.price_start_time = q.st`,
        [
          prices.map((p) => p.skuName),
          prices.map((p) => p.cloud),
          prices.map((p) => p.usageUnit),
          prices.map((p) => p.currencyCode),
          prices.map((p) => p.priceStartTime.toISOString()),
        ],
      );
    return new Map(
      rows.map((r) => [
        r.key,
        { contentHash: r.content_hash, coreHash: r.core_hash, open: r.open },
      ]),
    );
  }

  /** Databricks closes a price by giving it an end time: the one change a known price may take. */
  async setEndTime(
    manager: EntityManager,
    price: ListPrice,
    hash: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE list_prices SET price_end_time = $6, content_hash = $7, updated_at = $8
       WHERE sku_name = $1 AND cloud = $2 AND usage_unit = $3 AND currency_code = $4 AND price_start_time = $5`,
      [
        price.skuName,
        price.cloud,
        price.usageUnit,
        price.currencyCode,
        price.priceStartTime,
        price.priceEndTime,
        hash,
        at,
      ],
    );
  }

  /**
   * Once the prices are committed: they re-price the usage they cover, and quarantined
   * `no_price` usage gets resolved (through the attribution change announced, awaited).
   */
  async announce(changed: readonly ListPrice[]): Promise<void> {
    if (changed.length === 0) return;
    const change: AttributionInputsChanged = {
      kind: 'prices_changed',
      skuNames: [...new Set(changed.map((p) => p.skuName))],
      from: new Date(Math.min(...changed.map((p) => p.priceStartTime.getTime()))),
    };
    await this.events.emitAsync(ATTRIBUTION_INPUTS_CHANGED, change);
  }
}
