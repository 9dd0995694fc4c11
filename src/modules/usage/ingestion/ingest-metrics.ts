import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { databaseGauge } from '../../operations/database-gauge';
import { MetricsRegistry } from '../../operations/metrics-registry';
import type { ImportKind } from '../imports/import.entity';
import { ImportsRepository } from '../imports/imports.repository';
import type { BatchResult, IngestCounts } from './ingest-outcome';

/** Every export kind (a Record, so a new kind cannot be forgotten here). */
const KINDS = Object.keys({ usage: 0, prices: 0, events: 0 } satisfies Record<ImportKind, 0>);

/** The `outcome` label of each count (singular, as one record has one outcome). */
const OUTCOME_LABELS: Record<Exclude<keyof IngestCounts, 'received'>, string> = {
  accepted: 'accepted',
  updated: 'updated',
  duplicates: 'duplicate',
  conflicts: 'conflict',
  quarantined: 'quarantined',
  excluded: 'excluded',
  rejected: 'rejected',
};

const OUTCOMES = Object.entries(OUTCOME_LABELS) as [keyof typeof OUTCOME_LABELS, string][];

/**
 * A quarantine reason is one of the codes the attribution statement gives; anything else (a code
 * that would carry an id, say) is `other`, so the label's values stay few.
 */
const REASON_LABEL = /^[a-z_]{1,40}$/;

/**
 * Ingestion's Prometheus metrics: records by export kind and outcome, quarantined records by
 * reason (both counted from batches that committed, JSON requests and CSV imports alike), and
 * the imports running now (read from the database when scraped).
 */
@Injectable()
export class IngestMetrics {
  private readonly records: Counter<'kind' | 'outcome'>;
  private readonly quarantined: Counter<'kind' | 'reason'>;

  constructor(registry: MetricsRegistry, imports: ImportsRepository) {
    this.records = new Counter({
      name: 'billing_ingested_records_total',
      help: 'Records received in committed ingest requests and import batches, by export kind and outcome',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    });
    // Every series from the start, so a rate over the first increment is not lost.
    for (const kind of KINDS) {
      for (const [, outcome] of OUTCOMES) this.records.inc({ kind, outcome }, 0);
    }
    this.quarantined = new Counter({
      name: 'billing_quarantined_records_total',
      help: 'Records stored in quarantine, by export kind and reason',
      labelNames: ['kind', 'reason'] as const,
      registers: [registry],
    });
    databaseGauge(registry, {
      name: 'billing_imports_running',
      help: 'CSV imports running now, by export kind (the same on every replica)',
      label: 'kind',
      values: KINDS,
      read: () => imports.runningByKind(),
    });
  }

  /**
   * Counts one request's or one import batch's records: `rejected` refused before storing, and
   * what storing `batch` did. Call it once the batch has committed (a rolled-back batch stored
   * nothing and counts nothing); `batch` is null when nothing was left to store.
   */
  stored(kind: ImportKind, rejected: number, batch: BatchResult | null): void {
    for (const [count, outcome] of OUTCOMES) {
      const value = (batch?.counts[count] ?? 0) + (count === 'rejected' ? rejected : 0);
      if (value > 0) this.records.inc({ kind, outcome }, value);
    }
    const reasons = new Map<string, number>();
    for (const problem of batch?.problems ?? []) {
      if (problem.outcome !== 'quarantined') continue;
      const reason = REASON_LABEL.test(problem.code) ? problem.code : 'other';
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    for (const [reason, value] of reasons) this.quarantined.inc({ kind, reason }, value);
  }
}
