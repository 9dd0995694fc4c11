import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The dump of an empty PGlite cluster that `npm ci` prepares (scripts/prepare-embedded-template.js),
 * keyed by PGlite's version so an upgrade never restores a dump of another version.
 */
export function embeddedTemplatePath(): string {
  const packageDir = resolve(dirname(require.resolve('@electric-sql/pglite')), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return join(
    packageDir,
    '..',
    '..',
    '.cache',
    'cleanroom-billing',
    `pglite-${version}-empty.tar.gz`,
  );
}

/** The template as a Blob for PGlite's `loadDataDir`, or undefined when none was prepared. */
export function loadEmbeddedTemplate(): Blob | undefined {
  const path = embeddedTemplatePath();
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}
