import { FoundationRegistry1764370000000 } from './1764370000000-foundation-registry';
import { UsageIngestion1764380000000 } from './1764380000000-usage-ingestion';
import { Pricing1764390000000 } from './1764390000000-pricing';
import { Invoicing1764400000000 } from './1764400000000-invoicing';
import { ByteOrderKeys1764410000000 } from './1764410000000-byte-order-keys';
import { RollupsKeyOnly1764420000000 } from './1764420000000-rollups-key-only';
import { HashedUsageKeys1764430000000 } from './1764430000000-hashed-usage-keys';
import { ImportHeartbeats1764440000000 } from './1764440000000-import-heartbeats';
import { RoomIdsByteOrder1764450000000 } from './1764450000000-room-ids-byte-order';
import { RunLookupIndexes1764455000000 } from './1764455000000-run-lookup-indexes';
import { PendingRunReattributions1764460000000 } from './1764460000000-pending-run-reattributions';
import { RunsByEtag1764470000000 } from './1764470000000-runs-by-etag';
import { NotebookReleases1764480000000 } from './1764480000000-notebook-releases';

/** Every migration, in order. Listed explicitly so the same code runs under node, swc and jest. */
export const migrations = [
  FoundationRegistry1764370000000,
  UsageIngestion1764380000000,
  Pricing1764390000000,
  Invoicing1764400000000,
  ByteOrderKeys1764410000000,
  RollupsKeyOnly1764420000000,
  HashedUsageKeys1764430000000,
  ImportHeartbeats1764440000000,
  RoomIdsByteOrder1764450000000,
  RunLookupIndexes1764455000000,
  PendingRunReattributions1764460000000,
  RunsByEtag1764470000000,
  NotebookReleases1764480000000,
];
