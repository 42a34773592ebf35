import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from './logger.ts';
import { fromRoot } from './paths.ts';
import { servePglite } from './pglite-wire-server.ts';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Start PGlite (Postgres compiled to WASM) on `dataDir` and serve it over the Postgres wire
 * protocol, so every service talks to it through `pg` exactly as it would to PostgreSQL.
 * PGlite is one backend session: clients take turns unit by unit (see pglite-wire-server.ts).
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; host: string; port: number }): Promise<EmbeddedPostgres> {
  const { PGlite } = await import('@electric-sql/pglite');
  const dir = path.join(fromRoot(opts.dataDir), 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const server = await servePglite(db, opts.host, opts.port);
  return {
    url: `postgres://postgres@${opts.host}:${server.port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface DatabaseConfig {
  databaseUrl: string;
  dataDir: string;
  pgliteHost: string;
  pglitePort: number;
}

export interface Database {
  pool: Pool;
  url: string;
  embedded: EmbeddedPostgres | undefined;
  close(): Promise<void>;
}

/**
 * The one way a service reaches storage: `VOICEBOT_DATABASE_URL` when set (PostgreSQL),
 * otherwise the embedded PGlite server — reused when another process already serves it,
 * started in this process when not.
 */
export async function openDatabase(config: DatabaseConfig, log: Logger): Promise<Database> {
  let url = config.databaseUrl;
  let embedded: EmbeddedPostgres | undefined;
  if (!url) {
    if (!(await portOpen(config.pgliteHost, config.pglitePort))) {
      log.info({ dataDir: config.dataDir, port: config.pglitePort }, 'starting embedded PGlite');
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, host: config.pgliteHost, port: config.pglitePort });
    }
    url = `postgres://postgres@${config.pgliteHost}:${config.pglitePort}/postgres`;
  }
  const pool = new pg.Pool({ connectionString: url, max: embedded || !config.databaseUrl ? 4 : 10, connectionTimeoutMillis: 30_000 });
  pool.on('error', (err) => log.error({ err }, 'idle database client error'));
  await pool.query('SELECT 1');
  return {
    pool,
    url,
    embedded,
    close: async () => {
      await pool.end();
      await embedded?.stop();
    },
  };
}

/** Run a function in a transaction; rolls back on any error. */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Apply a service's numbered SQL migrations (`NNN_name.sql`) in order, once each, recorded in
 * `schema_migrations`. The same files run on PostgreSQL and PGlite. An advisory lock keeps two
 * replicas starting at once from applying the same migration twice.
 */
export async function runMigrations(pool: Pool, service: string, dir: string): Promise<string[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  await withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(7261001)');
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      service text NOT NULL, version integer NOT NULL, name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (service, version))`);
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations WHERE service = $1', [service]);
    const have = new Set(done.rows.map((r) => r.version));
    for (const file of files) {
      const version = Number(file.slice(0, 3));
      if (have.has(version)) continue;
      await client.query(fs.readFileSync(path.join(dir, file), 'utf8'));
      await client.query('INSERT INTO schema_migrations (service, version, name) VALUES ($1, $2, $3)', [service, version, file]);
      applied.push(file);
    }
  });
  return applied;
}
