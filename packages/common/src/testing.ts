import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './db.ts';

/** Test helpers: a throwaway database on the real PostgreSQL or on embedded PGlite. */
export interface TestDatabase {
  kind: 'postgres' | 'pglite';
  url: string;
  drop(): Promise<void>;
}

export const POSTGRES_ADMIN_URL = process.env.VOICEBOT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh database on the PostgreSQL at 127.0.0.1:5432, dropped afterwards. */
export async function createTestPostgres(): Promise<TestDatabase> {
  const name = `voicebot_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh PGlite served on a free loopback port from a temporary directory. */
export async function createTestPglite(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voicebot-pglite-'));
  const server = await startEmbeddedPostgres({ dataDir: dir, host: '127.0.0.1', port: await freePort() });
  return {
    kind: 'pglite',
    url: server.url,
    drop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Both stores, for `describe.each` over PostgreSQL and PGlite. */
export const TEST_STORES = [
  { kind: 'postgres' as const, create: createTestPostgres },
  { kind: 'pglite' as const, create: createTestPglite },
];
