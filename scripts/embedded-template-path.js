'use strict';
// Mirrors src/shared/database/embedded-template.ts (a test keeps the two in step): the script
// runs at install time, before anything is built.
const { readFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');

/** Where the empty-cluster dump for the installed PGlite version lives (inside node_modules). */
function templatePath() {
  const packageDir = resolve(dirname(require.resolve('@electric-sql/pglite')), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  return join(
    packageDir,
    '..',
    '..',
    '.cache',
    'cleanroom-billing',
    `pglite-${version}-empty.tar.gz`,
  );
}

module.exports = { templatePath };
