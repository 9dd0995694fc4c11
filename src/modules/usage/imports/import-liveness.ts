import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, CLOCK } from '../../../shared/time/clock';
import { ImportsRepository } from './imports.repository';
import { errorMessage } from '../../../shared/errors/error-message';

/** How often a running import's process says it is alive. */
export const HEARTBEAT_EVERY_MS = 30_000;
/** Silent this long (ten missed heartbeats), an import's process is taken for dead. */
export const SILENT_AFTER_MS = 5 * 60_000;

/**
 * The imports this process is running, and their heartbeats: each beats on a timer of its own
 * (a batch waiting on a lock or a slow upload is still alive), and none is ever taken for dead by
 * this process's own sweep, even when its beats cannot get through (the embedded database's one
 * connection held by a long transaction).
 */
@Injectable()
export class ImportLiveness {
  private readonly logger = new Logger(ImportLiveness.name);
  private readonly running = new Set<string>();

  constructor(
    private readonly imports: ImportsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Starts the import's heartbeat; returns the function that stops it. */
  keepAlive(id: string): () => void {
    this.running.add(id);
    const timer = setInterval(() => {
      this.imports.beat(id, this.clock.now()).catch((error: unknown) => {
        this.logger.warn(`import ${id}: heartbeat failed: ${errorMessage(error)}`);
      });
    }, HEARTBEAT_EVERY_MS);
    // The heartbeat alone never keeps the process up.
    timer.unref();
    return () => {
      clearInterval(timer);
      this.running.delete(id);
    };
  }

  /** The imports running in this process. */
  alive(): string[] {
    return [...this.running];
  }
}
