import { D, type Dec } from '../../../shared/money/decimal';
import { evaluateCap, ExposureCap } from './exposure-cap';

const dbuCap = (amount: string, policy: ExposureCap['policy'] = 'absorb'): ExposureCap => ({
  measure: 'dbu',
  amount: new D(amount),
  policy,
  overagePrice: policy === 'overage' ? new D('0.5') : undefined,
});
const use = (dbu: string, cost: string) => ({ dbu: new D(dbu), cost: new D(cost) });
const text = (d: Dec) => d.toString();

describe('evaluateCap', () => {
  it.each([
    // [cap, used DBU, status, thresholds, within, excess]
    ['1000', '0', 'ok', [], '0', '0'],
    ['1000', '499.999', 'ok', [], '499.999', '0'],
    ['1000', '500', 'ok', [50], '500', '0'],
    ['1000', '799.99', 'ok', [50], '799.99', '0'],
    ['1000', '800', 'warning', [50, 80], '800', '0'],
    ['1000', '999.999999999999999999', 'warning', [50, 80], '999.999999999999999999', '0'],
    ['1000', '1000', 'exceeded', [50, 80, 100], '1000', '0'],
    ['1000', '1250.5', 'exceeded', [50, 80, 100], '1000', '250.5'],
  ])('cap %s DBU, %s used → %s', (cap, used, status, thresholds, within, excess) => {
    const result = evaluateCap(dbuCap(cap), use(used, '0'));
    expect(result.status).toBe(status);
    expect(result.thresholdsReached).toEqual(thresholds);
    expect(text(result.withinCap)).toBe(within);
    expect(text(result.excess)).toBe(excess);
    expect(text(result.excessDbu)).toBe(excess);
  });

  it('turns the budget to blocked under the block policy once the cap is reached', () => {
    expect(evaluateCap(dbuCap('100', 'block'), use('100', '35')).status).toBe('blocked');
    expect(evaluateCap(dbuCap('100', 'block'), use('99', '34.65')).status).toBe('warning');
  });

  it('measures a cost cap in cost and converts its excess to DBU in proportion', () => {
    // 400 DBU cost 140 (0.35 each); cap 100 → excess 40 of 140 cost = 400 × 40 / 140 DBU.
    const result = evaluateCap(
      { measure: 'cost', amount: new D('100'), policy: 'overage', overagePrice: new D('0.5') },
      use('400', '140'),
    );
    expect(result.status).toBe('exceeded');
    expect(text(result.excess)).toBe('40');
    expect(result.excessDbu.toDecimalPlaces(18).toString()).toBe('114.285714285714285714');
    expect(text(result.ratio)).toBe('1.4');
  });

  it('treats net negative usage (retractions) as none', () => {
    const result = evaluateCap(dbuCap('100'), use('-5', '-1.75'));
    expect(result).toMatchObject({ status: 'ok', thresholdsReached: [] });
    expect(text(result.withinCap)).toBe('0');
  });

  it('counts any usage against a zero cap as beyond it', () => {
    expect(evaluateCap(dbuCap('0'), use('0', '0')).status).toBe('ok');
    const result = evaluateCap(dbuCap('0'), use('0.1', '0.035'));
    expect(result.status).toBe('exceeded');
    expect(text(result.excess)).toBe('0.1');
  });
});
