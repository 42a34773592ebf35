import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from './db.ts';
import { TEST_STORES, type TestDatabase } from './testing.ts';

describe.each(TEST_STORES)('migrations on $kind', ({ create }) => {
  let db: TestDatabase;
  let pool: pg.Pool;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voicebot-mig-'));
  fs.writeFileSync(path.join(dir, '001_first.sql'), 'CREATE TABLE t1 (id serial PRIMARY KEY, v text NOT NULL);');
  fs.writeFileSync(path.join(dir, '002_second.sql'), 'ALTER TABLE t1 ADD COLUMN w integer NOT NULL DEFAULT 0;');
  fs.writeFileSync(path.join(dir, 'README.md'), 'not a migration');

  beforeAll(async () => {
    db = await create();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('applies numbered migrations once, in order', async () => {
    expect(await runMigrations(pool, 'svc', dir)).toEqual(['001_first.sql', '002_second.sql']);
    expect(await runMigrations(pool, 'svc', dir)).toEqual([]);
    await pool.query("INSERT INTO t1 (v, w) VALUES ('a', 2)");
    expect((await pool.query('SELECT v, w FROM t1')).rows).toEqual([{ v: 'a', w: 2 }]);
  });

  it('rolls back a failing migration as a whole', async () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'voicebot-mig-bad-'));
    fs.writeFileSync(path.join(bad, '001_ok.sql'), 'CREATE TABLE t2 (id int);');
    fs.writeFileSync(path.join(bad, '002_broken.sql'), 'CREATE TABLE t2 (id int);');
    await expect(runMigrations(pool, 'bad', bad)).rejects.toThrow(/already exists/);
    const r = await pool.query("SELECT count(*)::int AS n FROM schema_migrations WHERE service = 'bad'");
    expect(r.rows[0].n).toBe(0);
  });
});
