import { ControllableClock } from '../../src/shared/time/clock';
import { buildFleetWorld, FleetWorld, NOW, partnerUsage } from '../support/fleet-world';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * GET /v1/fleet/rooms on the fleet world (test/support/fleet-world.ts), every figure computed by
 * hand from its history. The clock stays at NOW (2044-03-20 12:00 UTC) until the last test.
 *
 * Common figures: list price 0.50/DBU, partner cost 0.50 × (1 − 0.2) = 0.40 per partner DBU.
 * x's March: partner DBU r1 4 + 6 = 10, r2 5 (after the handover) = 15 against a 40 DBU cap:
 * 15 / 40 = 37.5 %. Its bill: fee 1,000 (no room) + managed runs 15 × 2.00 = 30.00, split by
 * partner DBU: r1 30 × 10/15 = 20.00, r2 30 × 5/15 = 10.00. y's March: 3 partner DBU in r2
 * before the handover, partner cost 3 × 0.40 = 1.20 against a 10 USD cap: 12 %; its bill is the
 * fee alone, so its rooms are billed 0.00.
 */
describe('fleet view: GET /v1/fleet/rooms', () => {
  let t: TestApp;
  let w: FleetWorld;
  const clock = new ControllableClock(new Date(NOW));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    w = await buildFleetWorld(t, clock);
  });
  afterAll(() => t.close());

  const fleet = (query: Record<string, string | number>, key?: string) =>
    t.http.get('/v1/fleet/rooms').query(query).set(t.auth(key));
  const ids = (body: { data: { roomId: string }[] }) => body.data.map((row) => row.roomId);

  // r1: runs 10, 14, 16 (FAILED), 18, 20 March at 06:00. Gaps 4, 2, 2, 2 days: median 2 days =
  // 172,800 s. Last start 06:00 today, 6 h = 21,600 s ago: ≤ 1.5 × 2 days, on schedule. The 7
  // days up to now start 13 March 12:00: runs of the 14th, 16th, 18th and 20th = 4, 1 failed.
  // Month to date (March; the 100 DBU of 20 February are February's): partner 4 + 6 = 10,
  // customer 2; list cost 12 × 0.50 = 6; partner cost 10 × 0.40 = 4; margin 20.00 − 4 = 16.
  const r1Row = () => ({
    roomId: w.r1.id,
    name: w.r1.name,
    customerId: w.x.id,
    ownerSince: '2044-01-01T00:00:00.000Z',
    currentEtag: 'v2',
    etags: [
      {
        etag: 'v1',
        notebookName: w.notebook,
        firstSeenAt: '2044-03-10T06:00:00.000Z',
        lastSeenAt: '2044-03-16T06:00:00.000Z',
      },
      {
        etag: 'v2',
        notebookName: w.notebook,
        firstSeenAt: '2044-03-18T06:00:00.000Z',
        lastSeenAt: '2044-03-20T06:00:00.000Z',
      },
    ],
    lastRun: {
      runId: 'r1e',
      notebookName: w.notebook,
      etag: 'v2',
      startedAt: '2044-03-20T06:00:00.000Z',
      endedAt: '2044-03-20T06:30:00.000Z',
      state: 'SUCCESS',
    },
    runsLast7Days: 4,
    failedRunsLast7Days: 1,
    status: 'on_schedule',
    sinceLastRunSeconds: 21_600,
    cadenceSeconds: 172_800,
    cadenceSource: 'observed',
    monthToDate: {
      period: '2044-03',
      currency: 'USD',
      partnerDbu: '10',
      customerDbu: '2',
      listCost: '6',
      partnerCost: '4',
      billed: '20.00',
      margin: '16',
      billedFrom: 'estimate',
      asOf: NOW,
    },
    capUse: { measure: 'dbu', percent: '37.50' },
  });

  // r2: x's since the handover on 15 March. Expected every 24 h = 86,400 s; its last run
  // started 17 March 10:00, 3 d 2 h = 266,400 s ago > 1.5 × 24 h: overdue. In the 7 days (from
  // the 13th 12:00) only the run of the 17th. The partner sees y's run of the 12th too (the etag's
  // first run); month to date it is x's usage only: 5 partner DBU, list 2.5, partner cost 2,
  // billed 10.00, margin 8.
  const r2Row = () => ({
    roomId: w.r2.id,
    name: w.r2.name,
    customerId: w.x.id,
    ownerSince: '2044-03-15T00:00:00.000Z',
    currentEtag: 'v1',
    etags: [
      {
        etag: 'v1',
        notebookName: w.notebook,
        firstSeenAt: '2044-03-12T10:00:00.000Z',
        lastSeenAt: '2044-03-17T10:00:00.000Z',
      },
    ],
    lastRun: {
      runId: 'r2b',
      notebookName: w.notebook,
      etag: 'v1',
      startedAt: '2044-03-17T10:00:00.000Z',
      endedAt: '2044-03-17T10:30:00.000Z',
      state: 'SUCCESS',
    },
    runsLast7Days: 1,
    failedRunsLast7Days: 0,
    status: 'overdue',
    sinceLastRunSeconds: 266_400,
    cadenceSeconds: 86_400,
    cadenceSource: 'expected',
    monthToDate: {
      period: '2044-03',
      currency: 'USD',
      partnerDbu: '5',
      customerDbu: '0',
      listCost: '2.5',
      partnerCost: '2',
      billed: '10.00',
      margin: '8',
      billedFrom: 'estimate',
      asOf: NOW,
    },
    capUse: { measure: 'dbu', percent: '37.50' },
  });

  const zeroMonth = {
    period: '2044-03',
    currency: 'USD',
    partnerDbu: '0',
    customerDbu: '0',
    listCost: '0',
    partnerCost: '0',
    billed: '0.00',
    margin: '0',
    billedFrom: 'estimate',
    asOf: NOW,
  };
  // r3: its one run started 1 February 00:00: 29 days of February 2044 + 19 days + 12 h =
  // 1,164 h = 4,190,400 s ago; no start in the last 30 days, no expected interval: idle.
  const r3Row = () => ({
    roomId: w.r3.id,
    name: w.r3.name,
    customerId: w.y.id,
    ownerSince: '2044-01-01T00:00:00.000Z',
    currentEtag: 'v1',
    etags: [
      {
        etag: 'v1',
        notebookName: w.notebook,
        firstSeenAt: '2044-02-01T00:00:00.000Z',
        lastSeenAt: '2044-02-01T00:00:00.000Z',
      },
    ],
    lastRun: {
      runId: 'r3a',
      notebookName: w.notebook,
      etag: 'v1',
      startedAt: '2044-02-01T00:00:00.000Z',
      endedAt: '2044-02-01T00:30:00.000Z',
      state: 'SUCCESS',
    },
    runsLast7Days: 0,
    failedRunsLast7Days: 0,
    status: 'idle',
    sinceLastRunSeconds: 4_190_400,
    cadenceSeconds: null,
    cadenceSource: null,
    monthToDate: zeroMonth,
    capUse: { measure: 'cost', percent: '12.00' },
  });
  const r4Row = () => ({
    roomId: w.r4.id,
    name: w.r4.name,
    customerId: w.y.id,
    ownerSince: '2044-01-01T00:00:00.000Z',
    currentEtag: null,
    etags: [],
    lastRun: null,
    runsLast7Days: 0,
    failedRunsLast7Days: 0,
    status: 'no_runs',
    sinceLastRunSeconds: null,
    cadenceSeconds: null,
    cadenceSource: null,
    monthToDate: zeroMonth,
    capUse: { measure: 'cost', percent: '12.00' },
  });

  it('gives every room of a customer its figures, computed by hand', async () => {
    const x = await fleet({ customerId: w.x.id }).expect(200);
    expect(x.body).toEqual({ data: [r1Row(), r2Row()], nextCursor: null, asOf: NOW });
    const y = await fleet({ customerId: w.y.id }, w.keys.finance).expect(200);
    expect(y.body.data).toEqual([r3Row(), r4Row()]);
  });

  it('shows a customer key its rooms only, from its ownership on, without partner figures', async () => {
    const x = await fleet({}, w.x.key).expect(200);
    const withoutPartnerFigures = (row: ReturnType<typeof r1Row>) => {
      const { partnerCost: _cost, margin: _margin, ...month } = row.monthToDate;
      return { ...row, monthToDate: month };
    };
    // r2 under x: its runs from the handover (15 March) on, so v1 first seen on the 17th.
    const r2 = withoutPartnerFigures(r2Row());
    r2.etags = [{ ...r2.etags[0], firstSeenAt: '2044-03-17T10:00:00.000Z' }];
    expect(x.body.data).toEqual([withoutPartnerFigures(r1Row()), r2]);
    // y's cap is measured in partner cost: its use is the partner's business.
    const y = await fleet({}, w.y.key).expect(200);
    expect(y.body.data.map((row: { capUse: unknown }) => row.capUse)).toEqual([
      { measure: 'cost' },
      { measure: 'cost' },
    ]);
    expect(ids(y.body)).toEqual([w.r3.id, w.r4.id]);
    // Another customer's rooms are none of its business; nor is sorting by partner cost.
    expect((await fleet({ customerId: w.y.id }, w.x.key).expect(200)).body.data).toEqual([]);
    const refused = await fleet({ sort: '-monthToDateCost' }, w.x.key).expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'sort', code: 'partner_only', message: 'monthToDateCost is a partner-only figure' },
    ]);
  });

  it('filters and sorts', async () => {
    const x = { customerId: w.x.id };
    expect(ids((await fleet({ ...x, status: 'overdue' }).expect(200)).body)).toEqual([w.r2.id]);
    expect(ids((await fleet({ ...x, etag: 'v2' }).expect(200)).body)).toEqual([w.r1.id]);
    // Without customerId, the whole fleet's snapshot: the same rows as read for one customer.
    const whole = await fleet({ notebookName: w.notebook }).expect(200);
    expect(whole.body).toEqual({ data: [r1Row(), r2Row(), r3Row()], nextCursor: null, asOf: NOW });
    expect(
      ids((await fleet({ notebookName: w.notebook, status: 'idle,no_runs' }).expect(200)).body),
    ).toEqual([w.r3.id]);
    // Billed: r1 20.00, r2 10.00. Status worst first: overdue before on_schedule.
    expect(ids((await fleet({ ...x, sort: '-monthToDateBilled' }).expect(200)).body)).toEqual([
      w.r1.id,
      w.r2.id,
    ]);
    expect(ids((await fleet({ ...x, sort: 'monthToDateCost' }).expect(200)).body)).toEqual([
      w.r2.id,
      w.r1.id,
    ]);
    expect(ids((await fleet({ ...x, sort: 'status' }).expect(200)).body)).toEqual([
      w.r2.id,
      w.r1.id,
    ]);
    // r4 has never run: no time since, last either way.
    for (const sort of ['sinceLastRun', '-sinceLastRun']) {
      expect(ids((await fleet({ customerId: w.y.id, sort }).expect(200)).body)).toEqual([
        w.r3.id,
        w.r4.id,
      ]);
    }
  });

  it('pages with a cursor tied to its sort, and refuses bad parameters', async () => {
    const first = await fleet({ customerId: w.x.id, limit: 1 }).expect(200);
    expect(ids(first.body)).toEqual([w.r1.id]);
    const second = await fleet({
      customerId: w.x.id,
      limit: 1,
      cursor: first.body.nextCursor,
    }).expect(200);
    expect(ids(second.body)).toEqual([w.r2.id]);
    expect(second.body.nextCursor).toBeNull();
    const otherSort = { customerId: w.x.id, sort: '-name', cursor: first.body.nextCursor };
    expect((await fleet(otherSort).expect(400)).body.code).toBe('invalid_cursor');
    expect((await fleet({ cursor: 'nope' }).expect(400)).body.code).toBe('invalid_cursor');
    const bad = await fleet({ status: 'late', sort: 'cost', size: 3 }).expect(400);
    expect(
      bad.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort(),
    ).toEqual(['size:unknown_field', 'sort:matches', 'status:matches']);
  });

  it('writes CSV: every row, partner columns for the partner only', async () => {
    const partner = await fleet({ customerId: w.x.id }).set('Accept', 'text/csv').expect(200);
    expect(partner.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = partner.text.split('\r\n');
    expect(lines[0]).toBe(
      'roomId,name,customerId,ownerSince,currentEtag,etagsSeen,lastRunId,lastRunAt,lastRunState,lastRunEtag,' +
        'runsLast7Days,failedRunsLast7Days,status,sinceLastRunSeconds,cadenceSeconds,cadenceSource,period,currency,' +
        'monthToDatePartnerDbu,monthToDateCustomerDbu,monthToDateListCost,monthToDatePartnerCost,monthToDateBilled,' +
        'monthToDateMargin,billedFrom,monthToDateAsOf,capMeasure,capUsePercent',
    );
    expect(lines[1]).toBe(
      `${w.r1.id},${w.r1.name},${w.x.id},2044-01-01T00:00:00.000Z,v2,` +
        'v1@2044-03-10T06:00:00.000Z/2044-03-16T06:00:00.000Z v2@2044-03-18T06:00:00.000Z/2044-03-20T06:00:00.000Z,' +
        `r1e,2044-03-20T06:00:00.000Z,SUCCESS,v2,4,1,on_schedule,21600,172800,observed,2044-03,USD,` +
        `10,2,6,4,20.00,16,estimate,${NOW},dbu,37.50`,
    );
    expect(lines.slice(2)).toEqual([
      `${w.r2.id},${w.r2.name},${w.x.id},2044-03-15T00:00:00.000Z,v1,` +
        'v1@2044-03-12T10:00:00.000Z/2044-03-17T10:00:00.000Z,' +
        `r2b,2044-03-17T10:00:00.000Z,SUCCESS,v1,1,0,overdue,266400,86400,expected,2044-03,USD,` +
        `5,0,2.5,2,10.00,8,estimate,${NOW},dbu,37.50`,
      '',
    ]);

    const customer = await fleet({}, w.y.key).set('Accept', 'text/csv').expect(200);
    const [header, r3, r4, end] = customer.text.split('\r\n');
    expect(header).toBe(
      'roomId,name,customerId,ownerSince,currentEtag,etagsSeen,lastRunId,lastRunAt,lastRunState,lastRunEtag,' +
        'runsLast7Days,failedRunsLast7Days,status,sinceLastRunSeconds,cadenceSeconds,cadenceSource,period,currency,' +
        'monthToDatePartnerDbu,monthToDateCustomerDbu,monthToDateListCost,monthToDateBilled,' +
        'billedFrom,monthToDateAsOf,capMeasure,capUsePercent',
    );
    expect(r3).toBe(
      `${w.r3.id},${w.r3.name},${w.y.id},2044-01-01T00:00:00.000Z,v1,` +
        'v1@2044-02-01T00:00:00.000Z/2044-02-01T00:00:00.000Z,' +
        `r3a,2044-02-01T00:00:00.000Z,SUCCESS,v1,0,0,idle,4190400,,,2044-03,USD,0,0,0,0.00,estimate,${NOW},cost,`,
    );
    expect(r4).toBe(
      `${w.r4.id},${w.r4.name},${w.y.id},2044-01-01T00:00:00.000Z,,,,,,,0,0,no_runs,,,,2044-03,USD,` +
        `0,0,0,0.00,estimate,${NOW},cost,`,
    );
    expect(end).toBe('');
  });

  it('keeps a month to date for FLEET_MONTH_MAX_AGE and says when it was read', async () => {
    // One more partner DBU in r1 on the 19th. The runs are read now; x's month to date, read at
    // NOW, is kept whole (usage, bill and cap use of one instant): r1 still 10 partner DBU.
    await t.http
      .post('/v1/usage')
      .set(t.auth())
      .send({ records: [partnerUsage(w, w.r1.id, '2044-03-19T06:00:00.000Z', '1')] })
      .expect(200);
    const months = async () =>
      (await fleet({ customerId: w.x.id }).expect(200)).body.data.map(
        (row: { monthToDate: unknown; capUse: unknown }) => [row.monthToDate, row.capUse],
      );
    expect(await months()).toEqual([
      [r1Row().monthToDate, r1Row().capUse],
      [r2Row().monthToDate, r2Row().capUse],
    ]);
    // Five minutes on it is read again. r1: partner 11 DBU, list (11 + 2) × 0.50 = 6.5, partner
    // cost 11 × 0.40 = 4.4. x's managed runs: 16 × 2.00 = 32.00, r1 32 × 11/16 = 22.00 (margin
    // 22 − 4.4 = 17.6), r2 32 × 5/16 = 10.00. Cap use 16 / 40 = 40 %.
    clock.advance(5 * 60_000);
    const asOf = '2044-03-20T12:05:00.000Z';
    const cap = { measure: 'dbu', percent: '40.00' };
    expect(await months()).toEqual([
      [
        {
          ...r1Row().monthToDate,
          partnerDbu: '11',
          listCost: '6.5',
          partnerCost: '4.4',
          billed: '22.00',
          margin: '17.6',
          asOf,
        },
        cap,
      ],
      [{ ...r2Row().monthToDate, asOf }, cap],
    ]);
  });
});
