import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';

/**
 * The Prometheus registry of one app instance. Every metric registers here and never in
 * prom-client's process-wide default registry, so two apps in one process (the e2e suites, a
 * test restarting the service) count apart; `/metrics` serves this registry.
 */
@Injectable()
export class MetricsRegistry extends Registry {}
