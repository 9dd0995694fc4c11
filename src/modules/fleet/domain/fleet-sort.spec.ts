import { D } from '../../../shared/money/decimal';
import type { FleetRoom } from './fleet-room';
import {
  comparePositions,
  decodeSortValue,
  encodeSortValue,
  parseSort,
  positionOf,
  type FleetSort,
} from './fleet-sort';

function room(roomId: string, listCost: string | null, lastRunAt: string | null): FleetRoom {
  return {
    roomId,
    name: roomId,
    customerId: null,
    ownerSince: null,
    currentEtag: null,
    etags: [],
    lastRun:
      lastRunAt === null
        ? null
        : {
            runId: 'r',
            notebookName: null,
            etag: null,
            startedAt: new Date(lastRunAt),
            endedAt: null,
            state: null,
          },
    runsLast7Days: 0,
    failedRunsLast7Days: 0,
    sinceLastRunMs: null,
    cadence: null,
    status: 'no_runs',
    monthToDate:
      listCost === null
        ? null
        : {
            period: '2044-01',
            currency: 'USD',
            partnerDbu: new D(0),
            customerDbu: new D(0),
            listCost: new D(listCost),
            partnerCost: new D(0),
            billed: new D(0),
            billedFrom: 'estimate',
            asOf: new Date(0),
          },
    capUse: null,
  };
}

const order = (rooms: FleetRoom[], sort: FleetSort) =>
  [...rooms]
    .sort((a, b) => comparePositions(positionOf(a, sort), positionOf(b, sort), sort))
    .map((r) => r.roomId);

describe('fleet sort', () => {
  // Decimals compare as numbers (10 > 9.5, where text would put "10" first), ties by room id,
  // rooms without a value last in both directions.
  const rooms = [
    room('d', null, null),
    room('c', '9.5', null),
    room('b', '10', null),
    room('a', '9.5', null),
  ];

  it('sorts ascending and descending, nulls last, ties by room id', () => {
    expect(order(rooms, parseSort('monthToDateListCost'))).toEqual(['a', 'c', 'b', 'd']);
    expect(order(rooms, parseSort('-monthToDateListCost'))).toEqual(['b', 'a', 'c', 'd']);
  });

  it('carries a value through a cursor and back', () => {
    const sort = parseSort('-monthToDateListCost');
    const value = positionOf(rooms[1], sort).value;
    expect(encodeSortValue(value)).toBe('9.5');
    expect(decodeSortValue(sort, '9.5')).toEqual(new D('9.5'));
    expect(decodeSortValue(sort, 'x')).toBeUndefined();
    expect(decodeSortValue(parseSort('lastRunAt'), '1700000000000')).toBe(1700000000000);
  });
});
