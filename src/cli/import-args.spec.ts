import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputFileSize, parseArgs, resolveInputPath } from './import-args';

describe('parseArgs', () => {
  it.each([
    [['usage.csv'], { file: 'usage.csv', kind: 'usage' }],
    [['prices.csv', '--kind', 'prices'], { file: 'prices.csv', kind: 'prices' }],
    [['--kind', 'events', 'events.csv'], { file: 'events.csv', kind: 'events' }],
  ])('reads %p', (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  it.each([
    [[], 'No file given'],
    [['a.csv', 'b.csv'], 'One file at a time'],
    [['a.csv', '--kind', 'invoices'], '--kind must be usage, prices or events'],
    [['a.csv', '--kind'], '--kind must be usage, prices or events'],
  ])('refuses %p', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('resolveInputPath', () => {
  it('reads a relative path from where npm was run (INIT_CWD), not from the package root', () => {
    expect(
      resolveInputPath('exports/usage.csv', { INIT_CWD: '/home/ana/billing' }, '/srv/app'),
    ).toEqual({ path: '/home/ana/billing/exports/usage.csv', base: '/home/ana/billing' });
    expect(resolveInputPath('../usage.csv', { INIT_CWD: '/home/ana/billing' }, '/srv/app')).toEqual(
      { path: '/home/ana/usage.csv', base: '/home/ana/billing' },
    );
  });

  it('reads it from the working directory without npm, and takes an absolute path as it is', () => {
    expect(resolveInputPath('usage.csv', {}, '/srv/app').path).toBe('/srv/app/usage.csv');
    expect(resolveInputPath('usage.csv', { INIT_CWD: '' }, '/srv/app').path).toBe(
      '/srv/app/usage.csv',
    );
    expect(resolveInputPath('/data/usage.csv', { INIT_CWD: '/home/ana' }, '/srv/app').path).toBe(
      '/data/usage.csv',
    );
  });
});

describe('inputFileSize', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-args-'));
    writeFileSync(join(dir, 'usage.csv'), 'a,b\n1,2\n');
  });
  afterAll(() => rmSync(dir, { recursive: true }));

  it('gives the size of a file', () => {
    expect(inputFileSize('usage.csv', resolveInputPath('usage.csv', { INIT_CWD: dir }, '/'))).toBe(
      8,
    );
  });

  it('names the path it looked for, and where relative paths are read from', () => {
    const resolved = resolveInputPath('missing.csv', { INIT_CWD: dir }, '/');
    expect(() => inputFileSize('missing.csv', resolved)).toThrow(
      `No such file: ${join(dir, 'missing.csv')} (relative paths are read from ${dir})`,
    );
    const absolute = join(dir, 'missing.csv');
    // An absolute path is read from nowhere but itself: no word of where relative ones are.
    expect(() => inputFileSize(absolute, resolveInputPath(absolute, {}, '/'))).toThrow(
      new RegExp(`^No such file: ${absolute}$`),
    );
  });

  it('refuses a directory', () => {
    expect(() => inputFileSize(dir, resolveInputPath(dir, {}, '/'))).toThrow(`Not a file: ${dir}`);
  });
});
