import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ApiKeysService } from './api-keys.service';

/**
 * The embedded default must be usable with no setup: on its first start, with no ADMIN_API_KEY
 * and no key stored yet, it creates an admin key and prints it once.
 */
@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly apiKeys: ApiKeysService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.databaseUrl !== null || this.config.adminApiKey !== null) return;
    if (await this.apiKeys.hasAnyKey()) return;
    const { secret } = await this.apiKeys.create({ name: 'bootstrap admin', scopes: ['admin'] });
    this.logger.warn('Created the first admin API key; it is shown this once, store it now');
    process.stdout.write(`\n  Admin API key (shown once): ${secret}\n\n`);
  }
}
