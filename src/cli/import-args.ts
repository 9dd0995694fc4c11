import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** Where each kind of export is imported. */
export const IMPORT_PATHS = {
  usage: '/v1/usage/imports',
  prices: '/v1/prices/imports',
  events: '/v1/clean-room-events/imports',
} as const;
export type ImportKind = keyof typeof IMPORT_PATHS;

export const USAGE = 'usage: npm run import -- <file.csv> [--kind usage|prices|events]';

export function parseArgs(argv: readonly string[]): { file: string; kind: ImportKind } {
  const kindAt = argv.indexOf('--kind');
  const kind = kindAt >= 0 ? argv[kindAt + 1] : 'usage';
  const files = argv.filter((arg, i) => !arg.startsWith('--') && argv[i - 1] !== '--kind');
  if (kind === undefined || !(kind in IMPORT_PATHS)) {
    throw new Error(`--kind must be usage, prices or events\n${USAGE}`);
  }
  if (files.length !== 1) {
    throw new Error(`${files.length === 0 ? 'No file given' : 'One file at a time'}\n${USAGE}`);
  }
  return { file: files[0], kind: kind as ImportKind };
}

/**
 * The file's absolute path. npm runs a script from the package's root, not from where it was
 * typed, and says where that was in INIT_CWD: a relative path is the caller's, so it is read from
 * there (from the process's directory when the CLI is run without npm).
 */
export function resolveInputPath(
  file: string,
  env: { INIT_CWD?: string },
  cwd: string,
): { path: string; base: string } {
  const base = env.INIT_CWD !== undefined && env.INIT_CWD !== '' ? env.INIT_CWD : cwd;
  return { path: isAbsolute(file) ? file : resolve(base, file), base };
}

/** The size of the file to send; a missing file or a directory is said plainly. */
export function inputFileSize(given: string, resolved: { path: string; base: string }): number {
  const where = isAbsolute(given) ? '' : ` (relative paths are read from ${resolved.base})`;
  let stats;
  try {
    stats = statSync(resolved.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new Error(`No such file: ${resolved.path}${where}`, { cause: error });
    }
    throw error;
  }
  if (!stats.isFile()) throw new Error(`Not a file: ${resolved.path}${where}`);
  return stats.size;
}
