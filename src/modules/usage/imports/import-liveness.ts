import { Logger } from '@nestjs/common';
import { Clock } from '../../../shared/time/clock';
import { ImportsRepository } from './imports.repository';

/** How often a running import's process says it is alive. */
export const HEARTBEAT_EVERY_MS = 30_000;
/** Silent this long (ten missed heartbeats), an import's process is taken for dead. */
export const SILENT_AFTER_MS = 5 * 60_000;

/**
 * Keeps a running import's heartbeat going, on a timer of its own: a batch waiting on a lock or a
 * slow upload is still alive. Returns the function that stops it.
 */
export function keepAlive(imports: ImportsRepository, id: string, clock: Clock): () => void {
  const logger = new Logger('ImportHeartbeat');
  const timer = setInterval(() => {
    imports.beat(id, clock.now()).catch((error: unknown) => {
      logger.warn(
        `import ${id}: heartbeat failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }, HEARTBEAT_EVERY_MS);
  // The heartbeat alone never keeps the process up.
  timer.unref();
  return () => clearInterval(timer);
}
