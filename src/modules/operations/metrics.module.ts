import { Global, Module } from '@nestjs/common';
import { MetricsRegistry } from './metrics-registry';

/**
 * The metrics registry, injectable everywhere: each feature module registers its own metrics
 * (see IngestMetrics, InvoiceMetrics, PaymentMetrics) without importing the operations module,
 * which would import them back for their health and data.
 */
@Global()
@Module({ providers: [MetricsRegistry], exports: [MetricsRegistry] })
export class MetricsModule {}
