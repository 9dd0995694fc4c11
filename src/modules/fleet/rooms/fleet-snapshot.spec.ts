import type { AppConfig } from '../../../config/app-config';
import { ControllableClock } from '../../../shared/time/clock';
import type { FleetRoom } from '../domain/fleet-room';
import type { FleetRoomSource } from './fleet-room.source';
import { FleetSnapshot } from './fleet-snapshot';

/** A source whose reads are counted and finished by hand. */
class FakeSource {
  reads: { at: Date; finish: (rooms: FleetRoom[]) => void; fail: (error: Error) => void }[] = [];
  rooms(now: Date): Promise<FleetRoom[]> {
    return new Promise((resolve, reject) =>
      this.reads.push({ at: now, finish: resolve, fail: reject }),
    );
  }
}

const room = (roomId: string) => ({ roomId }) as FleetRoom;
const flush = () => new Promise((resolve) => setImmediate(resolve));

function setup(maxAgeMs: number) {
  const clock = new ControllableClock(new Date('2044-03-20T12:00:00Z'));
  const source = new FakeSource();
  const snapshot = new FleetSnapshot(source as unknown as FleetRoomSource, clock, {
    fleetSnapshotMaxAgeMs: maxAgeMs,
  } as AppConfig);
  return { clock, source, snapshot };
}

describe('FleetSnapshot', () => {
  it('reads once, answers from the snapshot while fresh, then stale while one refresh runs', async () => {
    const { clock, source, snapshot } = setup(60_000);
    const first = snapshot.snapshot();
    const alsoFirst = snapshot.snapshot();
    await flush();
    expect(source.reads).toHaveLength(1);
    source.reads[0].finish([room('a')]);
    expect((await first).rooms).toEqual([room('a')]);
    expect(await alsoFirst).toBe(await first);

    clock.advance(59_999);
    expect(await snapshot.snapshot()).toBe(await first);
    expect(source.reads).toHaveLength(1);

    // At 60 s it is stale: answered at once, and read again in the background (once).
    clock.advance(1);
    expect(await snapshot.snapshot()).toBe(await first);
    expect(await snapshot.snapshot()).toBe(await first);
    expect(source.reads.map((read) => read.at.toISOString())).toEqual([
      '2044-03-20T12:00:00.000Z',
      '2044-03-20T12:01:00.000Z',
    ]);
    source.reads[1].finish([room('b')]);
    await flush();
    expect(await snapshot.snapshot()).toEqual({
      asOf: new Date('2044-03-20T12:01:00.000Z'),
      rooms: [room('b')],
    });
  });

  it('keeps the stale snapshot when a refresh fails, and tries again on the next request', async () => {
    const { clock, source, snapshot } = setup(60_000);
    const first = snapshot.snapshot();
    await flush();
    source.reads[0].finish([room('a')]);
    await first;
    clock.advance(60_000);
    await snapshot.snapshot();
    source.reads[1].fail(new Error('database down'));
    await flush();
    expect((await snapshot.snapshot()).rooms).toEqual([room('a')]);
    expect(source.reads).toHaveLength(3);
  });

  it('reads the fleet for every request with a max age of 0', async () => {
    const { source, snapshot } = setup(0);
    for (const id of ['a', 'b']) {
      const answer = snapshot.snapshot();
      await flush();
      source.reads[source.reads.length - 1].finish([room(id)]);
      expect((await answer).rooms).toEqual([room(id)]);
    }
    expect(source.reads).toHaveLength(2);
  });
});
