import { Logger } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { errorMessage } from '../../shared/errors/error-message';

const logger = new Logger('Metrics');

export interface DatabaseGaugeOptions<L extends string> {
  readonly name: string;
  readonly help: string;
  readonly label: L;
  /** Every value of the label: each is reported, 0 when the database has none. */
  readonly values: readonly string[];
  /** The current count per label value, read when Prometheus scrapes. */
  read(): Promise<Partial<Record<string, number>>>;
}

/**
 * A gauge of shared state, read from the database at scrape time rather than kept in step by
 * every writer, so it is right whichever replica did the writing (each replica then reports the
 * same value: aggregate with max, not sum). When the read fails, the gauge has no sample in
 * that scrape (absent rather than stale or zero) and the rest of `/metrics` still answers.
 */
export function databaseGauge<L extends string>(
  registry: Registry,
  options: DatabaseGaugeOptions<L>,
): Gauge<L> {
  const gauge: Gauge<L> = new Gauge<L>({
    name: options.name,
    help: options.help,
    labelNames: [options.label],
    registers: [registry],
    collect: async () => {
      try {
        const counts = await options.read();
        for (const value of options.values) {
          gauge.set({ [options.label]: value } as Partial<Record<L, string>>, counts[value] ?? 0);
        }
      } catch (error) {
        gauge.reset();
        logger.warn(`${options.name} not read: ${errorMessage(error)}`);
      }
    },
  });
  return gauge;
}
