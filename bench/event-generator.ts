import { randomUUID } from 'node:crypto';
import { xorshift } from '../src/demo/seeded-random';

export interface RunWorld {
  readonly rooms: readonly string[];
  /** The sharing identifier of the partner, and of each room's owner (by room index). */
  readonly partnerInitiator: string;
  readonly ownerInitiators: readonly string[];
  /** First hour of the runs; one run per room and hour from there. */
  readonly start: Date;
}

interface Run {
  readonly room: number;
  readonly runId: string;
  readonly initiator: string;
  readonly startMs: number;
  readonly endMs: number;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * The notebook runs behind generated usage (generateUsage puts row i in room i % rooms, hour
 * i / rooms): one run per room-hour, starting in the hour's first half and lasting 10 to 50
 * minutes, so some end in the next hour, which two runs then share. Four runs in five are the
 * partner's, the others the room owner's. Events come in time order, as an export sorted by
 * event_time gives them: a run's STARTED and COMPLETED events can land in different batches.
 */
export function* generateRunEvents(
  world: RunWorld,
  hours: number,
  seed: number,
): Generator<string[]> {
  const random = xorshift(seed);
  let carried: Run[] = [];
  for (let hour = 0; hour < hours; hour++) {
    const hourStart = world.start.getTime() + hour * HOUR_MS;
    const hourEnd = hourStart + HOUR_MS;
    const events: { at: number; values: string[] }[] = [];
    const later: Run[] = [];
    const complete = (run: Run) =>
      run.endMs < hourEnd
        ? events.push({ at: run.endMs, values: completed(world, run) })
        : later.push(run);
    carried.forEach(complete);
    for (let room = 0; room < world.rooms.length; room++) {
      const startMs = hourStart + Math.floor(random() * 30 * MINUTE_MS);
      const run: Run = {
        room,
        runId: String(Math.floor(hourStart / HOUR_MS) * 1000 + room),
        initiator: random() < 0.8 ? world.partnerInitiator : world.ownerInitiators[room],
        startMs,
        endMs: startMs + (10 + Math.floor(random() * 40)) * MINUTE_MS,
      };
      events.push({ at: startMs, values: started(world, run) });
      complete(run);
    }
    carried = later;
    events.sort((a, b) => a.at - b.at);
    for (const event of events) yield event.values;
  }
  for (const run of carried) yield completed(world, run);
}

function started(world: RunWorld, run: Run): string[] {
  return [
    ...common(world, run, run.startMs, 'RUN_NOTEBOOK_STARTED'),
    'overlap_report',
    run.runId,
    '',
    '',
    '',
  ];
}

function completed(world: RunWorld, run: Run): string[] {
  const seconds = String((run.endMs - run.startMs) / 1000);
  return [
    ...common(world, run, run.endMs, 'RUN_NOTEBOOK_COMPLETED'),
    '',
    '',
    run.runId,
    'SUCCESS',
    seconds,
  ];
}

function common(world: RunWorld, run: Run, atMs: number, type: string): string[] {
  return [
    '0b8e4c2d-91aa-4f3e-b6d7-2c5e9f10a3b8',
    '5a31ba44-bbf4-4174-bf33-e1fa078e6765',
    randomUUID(),
    `bench-room-${run.room}`,
    world.rooms[run.room],
    run.initiator,
    run.initiator === world.partnerInitiator ? 'creator' : 'collaborator',
    new Date(atMs).toISOString(),
    type,
  ];
}
