import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { repeatEvery } from './repeat-every';

describe('repeatEvery', () => {
  let registry: SchedulerRegistry;
  beforeEach(() => {
    jest.useFakeTimers();
    registry = new SchedulerRegistry();
  });
  afterEach(() => {
    for (const name of registry.getIntervals()) registry.deleteInterval(name);
    jest.useRealTimers();
  });

  it('runs the task every interval, and skips the ticks that come while a pass is still running', async () => {
    const finishers: (() => void)[] = [];
    let started = 0;
    repeatEvery(registry, 'sweep', 1_000, () => {
      started++;
      return new Promise<void>((resolve) => finishers.push(resolve));
    });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(1);
    // Three more ticks while the first pass runs: none starts another.
    await jest.advanceTimersByTimeAsync(3_000);
    expect(started).toBe(1);
    finishers[0]();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(2);
  });

  it('logs a pass that fails and goes on', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    let started = 0;
    repeatEvery(registry, 'sweep', 1_000, () => {
      started++;
      return Promise.reject(new Error('database down'));
    });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(started).toBe(2);
    expect(logged).toHaveBeenCalledWith('sweep failed: database down');
    logged.mockRestore();
  });

  it('never runs an interval of 0', async () => {
    const task = jest.fn(() => Promise.resolve());
    repeatEvery(registry, 'sweep', 0, task);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(task).not.toHaveBeenCalled();
    expect(registry.getIntervals()).toEqual([]);
  });
});
