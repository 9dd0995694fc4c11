import { InFlight } from './in-flight';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('InFlight', () => {
  it('never runs more than its limit at once, and runs everything', async () => {
    const queue = new InFlight(2);
    let running = 0;
    let peak = 0;
    let done = 0;
    for (let i = 0; i < 7; i++) {
      await queue.add(async () => {
        running++;
        peak = Math.max(peak, running);
        await tick();
        running--;
        done++;
      });
    }
    await queue.drain();
    expect(peak).toBe(2);
    expect(done).toBe(7);
  });

  it('raises a task failure at drain', async () => {
    const queue = new InFlight(2);
    await queue.add(() => Promise.reject(new Error('boom')));
    await expect(queue.drain()).rejects.toThrow('boom');
  });

  it('raises a task failure at the next add, without starting it', async () => {
    const queue = new InFlight(1);
    await queue.add(() => Promise.reject(new Error('first')));
    let started = false;
    await expect(
      queue.add(() => {
        started = true;
        return Promise.resolve();
      }),
    ).rejects.toThrow('first');
    expect(started).toBe(false);
  });
});
