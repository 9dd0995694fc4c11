import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { InvoiceCloseService } from './invoice-close.service';
import { errorMessage } from '../../../shared/errors/error-message';

/** Runs the close on INVOICE_CLOSE_CRON; replicas may all run it, the close is idempotent. */
@Injectable()
export class InvoiceCloseScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(InvoiceCloseScheduler.name);

  constructor(
    private readonly close: InvoiceCloseService,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.invoiceCloseCron === 'off') return;
    const job = CronJob.from({
      cronTime: this.config.invoiceCloseCron,
      onTick: () => this.run(),
      waitForCompletion: true,
    });
    this.registry.addCronJob('invoice-close', job);
    job.start();
  }

  async run(): Promise<void> {
    try {
      const closed = await this.close.closeDue();
      if (closed > 0) this.logger.log(`invoice close: ${closed} customer periods invoiced`);
    } catch (error) {
      this.logger.error(`invoice close failed: ${errorMessage(error)}`);
    }
  }
}
