import {
  countLineBreaks,
  estimate,
  formatCount,
  formatDuration,
  RateMeter,
} from './import-progress';

describe('RateMeter', () => {
  it('averages over the window: rows sent in bursts give a steady rate', () => {
    // A chunk every 250 ms, 500 rows every other chunk: per chunk the rate jumps between 0 and
    // 2,000 rows/s; on average it is 1,000.
    const meter = new RateMeter(5_000, 1_000);
    const rates: { at: number; rate: number | null }[] = [];
    for (let k = 0; k <= 60; k++) {
      meter.add(k * 250, 500 * Math.ceil(k / 2));
      rates.push({ at: k * 250, rate: meter.rate() });
    }
    // Under a second: no rate yet.
    expect(rates.filter((r) => r.at < 1_000).map((r) => r.rate)).toEqual([null, null, null, null]);
    // From 1 s: 1,000 at an even chunk, 1,000 × (k + 1) / k at an odd one (1,200 at k = 5).
    for (const { at, rate } of rates.filter((r) => r.at >= 1_000)) {
      expect(rate).toBeGreaterThanOrEqual(1_000);
      expect(rate).toBeLessThanOrEqual(1_200);
      // Once the window is full, it always spans 5 s holding 10 bursts: exactly 1,000.
      if (at >= 5_000) expect(rate).toBe(1_000);
    }
  });

  it('forgets what is older than the window', () => {
    const meter = new RateMeter(5_000);
    // 10 s at 100 rows/s (1,000 rows at 10 s), then 1,000 rows/s, a sample every half second.
    for (let at = 0; at <= 15_000; at += 500) {
      meter.add(at, at <= 10_000 ? at / 10 : 1_000 + (at - 10_000));
    }
    // The window is 10 s to 15 s: from 1,000 to 6,000 rows, 1,000 rows/s (over all 15 s: 400).
    expect(meter.rate()).toBe(1_000);
  });

  it('has no rate before two samples two seconds apart (by default, over 10 s)', () => {
    const meter = new RateMeter();
    expect(meter.rate()).toBeNull();
    meter.add(0, 0);
    meter.add(1_999, 30_000);
    expect(meter.rate()).toBeNull();
    meter.add(2_000, 30_000);
    expect(meter.rate()).toBe(15_000);
    // 12 s in, the window starts at 2 s: (42,000 - 30,000) rows over 10 s.
    meter.add(12_000, 42_000);
    expect(meter.rate()).toBe(1_200);
  });
});

describe('estimate', () => {
  it('scales the rows read by the share of the file read, and divides what is left by the rate', () => {
    // 1,000 rows in the first quarter: 4,000 in all; 3,000 left at 500 rows/s is 6 s.
    expect(estimate({ rows: 1_000, bytesRead: 1e6, fileSize: 4e6, rate: 500 })).toEqual({
      totalRows: 4_000,
      etaSeconds: 6,
    });
    // 333 rows in 1,000 of 3,001 bytes: 999.33 rows, 999; 666 left at 400 rows/s: 1.665, 2 s.
    expect(estimate({ rows: 333, bytesRead: 1_000, fileSize: 3_001, rate: 400 })).toEqual({
      totalRows: 999,
      etaSeconds: 2,
    });
  });

  it('knows the total at the end, and nothing before a rate or a byte', () => {
    expect(estimate({ rows: 35_664, bytesRead: 9e6, fileSize: 9e6, rate: null })).toEqual({
      totalRows: 35_664,
      etaSeconds: 0,
    });
    expect(estimate({ rows: 10, bytesRead: 100, fileSize: 1_000, rate: null })).toEqual({
      totalRows: 100,
      etaSeconds: null,
    });
    expect(estimate({ rows: 0, bytesRead: 0, fileSize: 1_000, rate: null })).toEqual({
      totalRows: 0,
      etaSeconds: null,
    });
  });
});

describe('formatting', () => {
  it.each([
    [3_909, '1:05:09'],
    [245, '4:05'],
    [7, '0:07'],
    [59.6, '1:00'],
    [null, '…'],
  ])('writes %p seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('writes counts with thousands separators', () => {
    expect(formatCount(35_664)).toBe('35,664');
    expect(formatCount(1_234.6)).toBe('1,235');
  });

  it('counts line breaks in a chunk', () => {
    expect(countLineBreaks(Buffer.from('a,b\n1,2\r\n3,4'))).toBe(2);
    expect(countLineBreaks(Buffer.from(''))).toBe(0);
  });
});
