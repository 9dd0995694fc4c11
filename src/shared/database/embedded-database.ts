import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { loadEmbeddedTemplate } from './embedded-template';

/** A running embedded Postgres (PGlite) reachable through the ordinary `pg` driver. */
export interface EmbeddedDatabase {
  readonly url: string;
  /** Where the data lives, or null when it lives only in memory. */
  readonly dataDir: string | null;
  close(): Promise<void>;
}

/**
 * Starts PGlite behind a local socket so the app, its migrations and its SQL run unchanged on
 * embedded and real Postgres. The socket serves one connection: use a pool of one.
 */
export async function startEmbeddedDatabase(dataDir: string | null): Promise<EmbeddedDatabase> {
  let absoluteDir: string | null = null;
  if (dataDir !== null) {
    absoluteDir = resolve(dataDir, 'pglite');
    // PGlite does not create missing parent folders.
    mkdirSync(absoluteDir, { recursive: true });
  }
  // A new cluster starts from the prepared empty dump when there is one: initdb is the slow part.
  const isNew = absoluteDir === null || !existsSync(join(absoluteDir, 'PG_VERSION'));
  const options = { loadDataDir: isNew ? loadEmbeddedTemplate() : undefined };
  const db =
    absoluteDir === null ? await PGlite.create(options) : await PGlite.create(absoluteDir, options);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    dataDir: absoluteDir,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
