import { randomUUID } from 'node:crypto';
import { xorshift } from '../src/demo/seeded-random';

export interface GeneratorWorld {
  readonly rooms: readonly string[];
  readonly account: string;
  readonly sku: string;
  /** First hour of the generated usage. */
  readonly start: Date;
}

export interface GeneratedRow {
  readonly values: string[];
}

/**
 * Realistic hourly clean-room usage: each row is one room-hour, rooms cycling through the hours,
 * quantities with up to 18 decimals, about 1 % of rows being corrections (a retraction of an
 * earlier row plus its restatement).
 */
export function* generateUsage(
  world: GeneratorWorld,
  count: number,
  seed: number,
): Generator<string[]> {
  const random = xorshift(seed);
  const hourMs = 3_600_000;
  let previous: string[] | null = null;
  for (let i = 0; i < count; i++) {
    if (previous && random() < 0.005 && i + 1 < count) {
      // A correction: the retraction of the previous row, then (next iteration) a new original.
      const retraction = [...previous];
      retraction[10] = `-${previous[10]}`;
      retraction[22] = 'RETRACTION';
      previous = null;
      yield retraction;
      continue;
    }
    const room = world.rooms[i % world.rooms.length];
    const hour = Math.floor(i / world.rooms.length);
    const start = new Date(world.start.getTime() + hour * hourMs);
    const end = new Date(start.getTime() + hourMs);
    const day = start.toISOString().slice(0, 10);
    const quantity = `${Math.floor(random() * 40)}.${String(Math.floor(random() * 1e9)).padStart(9, '0')}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
    const row = [
      randomUUID(),
      world.account,
      '1444828305810485',
      world.sku,
      'AWS',
      start.toISOString(),
      end.toISOString(),
      day,
      '{}',
      'DBU',
      quantity,
      '',
      '',
      '',
      '',
      '',
      '',
      room,
      '',
      '',
      '',
      '',
      'ORIGINAL',
      day,
      'CLEAN_ROOM',
      '',
      '',
      'COMPUTE_TIME',
    ];
    previous = row;
    yield row;
  }
}

/** The nested JSON export shape of a generated row. */
export function jsonRecord(values: readonly string[]): Record<string, unknown> {
  return {
    record_id: values[0],
    account_id: values[1],
    workspace_id: values[2],
    sku_name: values[3],
    cloud: values[4],
    usage_start_time: values[5],
    usage_end_time: values[6],
    usage_date: values[7],
    custom_tags: {},
    usage_unit: values[9],
    usage_quantity: values[10],
    usage_metadata: { central_clean_room_id: values[17] },
    identity_metadata: {},
    record_type: values[22],
    ingestion_date: values[23],
    billing_origin_product: values[24],
    product_features: {},
    usage_type: values[27],
  };
}
