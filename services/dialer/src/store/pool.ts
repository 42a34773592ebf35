import pg from 'pg';
import type { Database, Logger, Pool } from '@voicebot/common';

/**
 * The pool the dialer queries through. On PGlite (recognised by its version string, whether
 * embedded here or reached by URL) it holds ONE connection: the PGlite socket server queues
 * protocol messages one by one rather than per Parse/Bind/Execute/Sync sequence, so two
 * connections interleave unnamed statements ("portal does not exist", wrong parameters).
 */
export async function dialerPool(db: Database, log: Logger): Promise<{ pool: Pool; pglite: boolean; close(): Promise<void> }> {
  const version = (await db.pool.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '';
  if (!version.includes('PGlite')) return { pool: db.pool, pglite: false, close: async () => undefined };
  const pool = new pg.Pool({ connectionString: db.url, max: 1, connectionTimeoutMillis: 30_000 });
  pool.on('error', (err) => log.error({ err }, 'idle database client error'));
  return { pool, pglite: true, close: () => pool.end() };
}
