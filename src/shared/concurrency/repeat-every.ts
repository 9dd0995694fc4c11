import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { errorMessage } from '../errors/error-message';

/**
 * Runs `task` every `everyMs` under `name` in Nest's scheduler (0 or less: never). A pass that
 * outlasts the interval is not joined by another: the next tick is skipped instead. A pass that
 * fails is logged, and the next tick runs as usual.
 */
export function repeatEvery(
  registry: SchedulerRegistry,
  name: string,
  everyMs: number,
  task: () => Promise<unknown>,
): void {
  if (everyMs <= 0) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      new Logger(name).error(`${name} failed: ${errorMessage(error)}`);
    } finally {
      running = false;
    }
  };
  registry.addInterval(
    name,
    setInterval(() => void tick(), everyMs),
  );
}
