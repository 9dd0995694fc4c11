#!/usr/bin/env node
// Runs after `npm ci`/`npm install`: builds an empty PGlite cluster once and keeps a dump of it,
// so the first `npm start` restores it (about 1 s) instead of running initdb (3-5 s).
// Best effort: if anything fails, the service simply runs initdb on first start.
'use strict';
const { mkdirSync, renameSync, writeFileSync, existsSync } = require('node:fs');
const { dirname } = require('node:path');
const { templatePath } = require('./embedded-template-path');

async function main() {
  const target = templatePath();
  if (existsSync(target)) return;
  const { PGlite } = require('@electric-sql/pglite');
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, target);
}

main().catch((error) => {
  process.stderr.write(
    `embedded database template not prepared (${error.message}); first start will run initdb\n`,
  );
});
