import { batchOutcomes } from './batch-outcomes';
import { countedOutcomes } from './ingest-outcome';
import { KeyedItem, splitByKey } from './keyed-batch';

type Item = KeyedItem<{ n: number }>;
const item = (index: number, key: string, hash: string): Item => ({
  position: { index },
  key,
  hash,
  value: { n: index },
});

describe('batchOutcomes', () => {
  // k1 new; k2 known, same content; k3 known, other content; k1 again (same), k1 again (other).
  const split = splitByKey([
    item(0, 'k1', 'a'),
    item(1, 'k2', 'b'),
    item(2, 'k3', 'c'),
    item(3, 'k1', 'a'),
    item(4, 'k1', 'z'),
  ]);
  const stored = new Map([
    ['k2', 'b'],
    ['k3', 'OLD'],
  ]);

  it('counts every outcome and reports each item not simply stored, in order', () => {
    const outcomes = batchOutcomes(split, 5, {
      isStored: (i) => i.key === 'k1',
      storedHash: (i) => stored.get(i.key),
    });
    expect(outcomes.counts).toEqual({
      received: 5,
      accepted: 1,
      updated: 0,
      duplicates: 2,
      conflicts: 2,
      quarantined: 0,
      rejected: 0,
      excluded: 0,
    });
    expect(outcomes.problems.map((p) => `${p.index}:${p.outcome}`)).toEqual([
      '1:duplicate',
      '2:conflict',
      '3:duplicate',
      '4:conflict',
    ]);
    expect(outcomes.conflicts.map((c) => `${c.key}:${c.existingHash}->${c.incomingHash}`)).toEqual([
      'k3:OLD->c',
      'k1:a->z',
    ]);
  });

  it('counts a stored item once, under what the rule says it is stored as', () => {
    const fresh = splitByKey([
      item(0, 'q', 'a'),
      item(1, 'x', 'b'),
      item(2, 'a', 'c'),
      item(3, 'a', 'c'),
    ]);
    const outcomes = batchOutcomes(fresh, 4, {
      isStored: () => true,
      storedAs: (i) => (i.key === 'q' ? 'quarantined' : i.key === 'x' ? 'excluded' : 'accepted'),
      storedHash: () => undefined,
    });
    expect(outcomes.counts).toEqual({
      received: 4,
      accepted: 1,
      updated: 0,
      duplicates: 1,
      conflicts: 0,
      quarantined: 1,
      rejected: 0,
      excluded: 1,
    });
    expect(countedOutcomes(outcomes.counts)).toBe(4);
  });

  it('lets a rule turn a known key into an update', () => {
    const outcomes = batchOutcomes(split, 5, {
      isStored: (i) => i.key === 'k1',
      storedHash: (i) => stored.get(i.key),
      resolveKnown: (i, hash) => (hash === i.hash ? 'duplicate' : 'updated'),
    });
    expect(outcomes.counts).toMatchObject({ updated: 1, conflicts: 1, duplicates: 2 });
    expect(outcomes.updated.map((i) => i.key)).toEqual(['k3']);
  });
});
