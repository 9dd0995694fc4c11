import {
  FOCUS_COLUMNS,
  FOCUS_CUSTOM_COLUMNS,
  FOCUS_EXPORT_HEADER,
  type FocusColumn,
} from './focus-columns';

describe('FOCUS 1.2 columns', () => {
  const columns: readonly FocusColumn[] = FOCUS_COLUMNS;
  const names = columns.map((column) => column.name);

  it('lists the 57 Cost and Usage columns once each, in the spec order (by column ID)', () => {
    expect(names).toHaveLength(57);
    expect(new Set(names).size).toBe(57);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it.each([
    ['Mandatory', 21],
    ['Recommended', 4],
    ['Conditional', 32],
  ])('has %s columns: %i', (level, count) => {
    expect(columns.filter((column) => column.level === level)).toHaveLength(count);
  });

  it('fills every Mandatory column', () => {
    const unfilled = columns.filter(
      (column) => column.level === 'Mandatory' && column.fill === 'omitted',
    );
    expect(unfilled).toEqual([]);
  });

  it('writes the filled FOCUS columns in spec order, then the x_ columns', () => {
    const filled = columns.filter((column) => column.fill !== 'omitted').map((c) => c.name);
    expect(FOCUS_EXPORT_HEADER).toEqual([...filled, ...FOCUS_CUSTOM_COLUMNS.map((c) => c.name)]);
    expect(FOCUS_CUSTOM_COLUMNS.every((column) => /^x_[A-Z][A-Za-z]*$/.test(column.name))).toBe(
      true,
    );
  });
});
