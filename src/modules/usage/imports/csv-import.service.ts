import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Readable } from 'node:stream';
import { DATABASE_TARGET } from '../../../shared/database/database.module';
import { DatabaseTarget } from '../../../shared/database/data-source-options';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { readCsvLines } from './csv-lines';
import { InFlight } from '../../../shared/concurrency/in-flight';
import { CsvColumns, CsvRecord } from '../domain/csv-record';
import {
  addCounts,
  BatchResult,
  emptyCounts,
  Positioned,
  RecordProblem,
} from '../ingestion/ingest-outcome';
import { IngestMetrics } from '../ingestion/ingest-metrics';
import { ImportLiveness } from './import-liveness';
import { ImportEntity } from './import.entity';
import { ExportKind } from '../ingestion/export-kind';
import { ExportPipeline } from '../ingestion/export-pipeline';
import { KeyedItem } from '../ingestion/keyed-batch';
import { ImportsRepository } from './imports.repository';
import { errorMessage } from '../../../shared/errors/error-message';

// Lines per batch (one transaction, one statement). Measured with bench:ingest: 5,000 costs
// Postgres ~30 µs a row, 10,000 ~37–48 µs (the statement's sorts and hash tables of wide rows
// stop fitting the caches), 2,500 no less than 5,000.
const BATCH_SIZE = 5_000;
const VALIDATE_EVERY = 500;

/**
 * Streams a CSV export through validation into storage without holding the file in memory.
 * Each batch commits on its own, with its counts (re-running an interrupted import is safe: stored
 * records come back as duplicates); on PostgreSQL two batches are stored at once while the next
 * is parsed. A malformed line is reported with its line number and the rest of the file goes on.
 * While it runs, the import beats (see ImportLiveness), so a dead one can be told from a slow one.
 * Once every batch is stored, the export settles what they deferred (ExportKind.settle), before the
 * import says `completed`.
 */
@Injectable()
export class CsvImportService {
  private readonly logger = new Logger(CsvImportService.name);

  constructor(
    private readonly imports: ImportsRepository,
    private readonly liveness: ImportLiveness,
    private readonly metrics: IngestMetrics,
    private readonly pipeline: ExportPipeline,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DATABASE_TARGET) private readonly database: DatabaseTarget,
  ) {}

  async run<T extends object, I extends KeyedItem<T>>(
    input: Readable,
    fileName: string | null,
    kind: ExportKind<T, I>,
  ): Promise<ImportEntity> {
    const importId = await this.imports.start(kind.kind, fileName, this.clock.now());
    const stopHeartbeat = this.liveness.keepAlive(importId);
    const malformed: RecordProblem[] = [];
    let linesLost = 0;
    const lines$ = readCsvLines(input, (problem, lost) => {
      malformed.push(problem);
      linesLost += lost;
    });

    const inFlight = new InFlight(this.database.embedded ? 1 : 2);
    let lines = 0;
    // Lines are validated a few hundred at a time, as they arrive: the parser's strings are then
    // dropped while still young, and only the validated records wait for the batch to fill.
    let pending: Positioned<unknown>[] = [];
    let valid: Positioned<T>[] = [];
    let rejected: RecordProblem[] = [];
    const validatePending = () => {
      if (pending.length === 0) return;
      const checked = kind.validate(pending);
      pending = [];
      for (const row of checked.valid) valid.push(row);
      for (const problem of checked.rejected) rejected.push(problem);
    };
    const flush = async () => {
      validatePending();
      const problems = [...malformed.splice(0), ...rejected];
      const rejectedCount = rejected.length + linesLost;
      const batch = valid;
      linesLost = 0;
      valid = [];
      rejected = [];
      const linesSoFar = lines;
      await inFlight.add(() =>
        this.storeBatch(importId, linesSoFar, batch, problems, rejectedCount, kind),
      );
    };

    let settling = false;
    try {
      let columns: CsvColumns | null = null;
      for await (const records of lines$) {
        for (const entry of records) {
          lines = entry.line;
          if (columns === null) {
            columns = new CsvColumns(entry.values);
            continue;
          }
          if (entry.values.length !== columns.names.length) {
            malformed.push(
              fieldCountProblem(entry.line, columns.names.length, entry.values.length),
            );
            linesLost++;
            continue;
          }
          pending.push({
            position: { line: entry.line },
            value: new CsvRecord(columns, entry.values),
          });
          if (pending.length >= VALIDATE_EVERY) validatePending();
          if (valid.length + rejected.length + pending.length >= BATCH_SIZE) await flush();
        }
      }
      await flush();
      await inFlight.drain();
      settling = true;
      await this.pipeline.settle(kind);
      await this.imports.finish(importId, 'completed', null, this.clock.now());
    } catch (error) {
      const message = errorMessage(error);
      this.logger.error(`import ${importId} failed after line ${lines}: ${message}`);
      await inFlight.drain().catch(() => undefined);
      // What the stored batches owe is recorded with them; paying it now spares them the sweep.
      if (!settling)
        await this.pipeline.settle(kind).catch((e: unknown) => this.logger.error(errorMessage(e)));
      await this.imports.finish(
        importId,
        'failed',
        `Stopped after line ${lines}`,
        this.clock.now(),
      );
      throw error;
    } finally {
      stopHeartbeat();
    }
    const done = await this.imports.findById(importId);
    if (!done) throw new Error(`import ${importId} vanished`);
    return done;
  }

  private async storeBatch<T extends object, I extends KeyedItem<T>>(
    importId: string,
    lines: number,
    valid: Positioned<T>[],
    problems: RecordProblem[],
    rejected: number,
    kind: ExportKind<T, I>,
  ): Promise<void> {
    // The batch's counts and problems, together with the lines it lost before validation.
    const recordProgress = async (manager: EntityManager, stored: BatchResult | null) => {
      const counts = emptyCounts();
      counts.rejected = rejected;
      const allProblems = [...problems];
      if (stored) {
        addCounts(counts, stored.counts);
        allProblems.push(...stored.problems);
      }
      allProblems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      await this.imports.progress(manager, importId, lines, counts, allProblems, this.clock.now());
    };
    if (valid.length > 0) {
      // Counted in the batch's own transaction: what is stored is counted, and nothing else.
      const stored = await this.pipeline.ingest(kind, valid, importId, recordProgress);
      this.metrics.stored(kind.kind, rejected, stored);
    } else {
      await this.dataSource.transaction((manager) => recordProgress(manager, null));
      this.metrics.stored(kind.kind, rejected, null);
    }
  }
}

function fieldCountProblem(line: number, expected: number, found: number): RecordProblem {
  return {
    line,
    recordId: null,
    outcome: 'rejected',
    code: 'malformed_csv',
    message: `The header has ${expected} columns but this line has ${found} fields`,
  };
}
