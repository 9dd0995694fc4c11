import { usageKeyHash } from './usage-columns';

describe('usageKeyHash', () => {
  it('gives two keys two hashes even when their texts run together the same', () => {
    // 'AB' + '1' and 'A' + 'B1' read the same once joined; the type's length tells them apart.
    expect(usageKeyHash('1', 'AB')).not.toBe(usageKeyHash('B1', 'A'));
    expect(usageKeyHash('r-1', 'ORIGINAL')).not.toBe(usageKeyHash('r-1', 'RETRACTION'));
    expect(usageKeyHash('r-1', 'ORIGINAL')).toMatch(/^[0-9a-f]{32}$/);
  });
});
