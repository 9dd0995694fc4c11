import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notebook release (issue 15): the partner announces that `etag` is the version of
 * `notebook_name` every room should run, from `released_at`, and by `cutover_at` at the latest.
 * One release per (notebook, etag). Owned by the fleet module.
 */
export class NotebookReleases1764480000000 implements MigrationInterface {
  name = 'NotebookReleases1764480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS notebook_releases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notebook_name text NOT NULL CHECK (char_length(notebook_name) BETWEEN 1 AND 200),
        etag text NOT NULL CHECK (char_length(etag) BETWEEN 1 AND 200),
        released_at timestamptz(3) NOT NULL,
        cutover_at timestamptz(3) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT notebook_releases_key UNIQUE (notebook_name, etag),
        CONSTRAINT notebook_releases_cutover CHECK (cutover_at >= released_at)
      )`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS notebook_releases_created ON notebook_releases (created_at, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notebook_releases`);
  }
}
