import { FoundationRegistry1764370000000 } from './1764370000000-foundation-registry';
import { UsageIngestion1764380000000 } from './1764380000000-usage-ingestion';

/** Every migration, in order. Listed explicitly so the same code runs under node, swc and jest. */
export const migrations = [FoundationRegistry1764370000000, UsageIngestion1764380000000];
