'use strict';
// An in-memory PGlite behind a socket, in a process of its own: Jest's VM cannot load PGlite,
// which imports its modules dynamically. It sends the URL it serves, and stops when its parent
// disconnects.
const { existsSync, readFileSync } = require('node:fs');
const { PGlite } = require('@electric-sql/pglite');
const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');
const { templatePath } = require('../../../scripts/embedded-template-path');

async function main() {
  const template = templatePath();
  const loadDataDir = existsSync(template) ? new Blob([readFileSync(template)]) : undefined;
  const db = await PGlite.create({ loadDataDir });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  process.once('disconnect', () => {
    void server
      .stop()
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
  process.send({ url: `postgres://postgres@${server.getServerConn()}/postgres` });
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
