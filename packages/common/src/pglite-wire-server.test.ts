import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db.ts';
import { ClientMessageSplitter } from './pglite-wire-server.ts';

describe('client message splitter', () => {
  it('splits startup and typed messages across arbitrary chunk boundaries', () => {
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8, 0);
    startup.writeInt32BE(196608, 4);
    const query = Buffer.concat([Buffer.from('Q'), Buffer.from([0, 0, 0, 9]), Buffer.from('abcd\0')]);
    const sync = Buffer.from([0x53, 0, 0, 0, 4]);
    const all = Buffer.concat([startup, query, sync]);
    for (let cut = 0; cut <= all.length; cut++) {
      const s = new ClientMessageSplitter();
      const a = s.push(all.subarray(0, cut));
      const b = s.push(all.subarray(cut));
      expect([...a.messages, ...b.messages].map((m) => m.toString('hex'))).toEqual([startup, query, sync].map((m) => m.toString('hex')));
    }
  });

  it('reports an impossible length instead of buffering forever', () => {
    const s = new ClientMessageSplitter();
    expect(s.push(Buffer.from([0, 0, 0, 2, 0, 3, 0, 0])).error).toMatch(/startup packet length/);
  });
});

describe('PGlite wire server under concurrent clients', () => {
  let server: EmbeddedPostgres;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voicebot-wire-'));
    server = await startEmbeddedPostgres({ dataDir: dir, host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Regression: pglite-socket interleaved Parse/Bind of different clients ("bind message supplies
  // 1 parameters, but prepared statement requires 10").
  it('keeps extended-protocol units and transactions of different clients apart', async () => {
    const pools = [0, 1, 2].map(() => new pg.Pool({ connectionString: server.url, max: 4 }));
    await pools[0]!.query('CREATE TABLE wide (a int, b int, c int, d int, e int, f int, g int, h int, i int, j int)');
    await pools[0]!.query('CREATE TABLE counter (n int)');
    await pools[0]!.query('INSERT INTO counter VALUES (0)');
    const work = pools.flatMap((pool, p) =>
      Array.from({ length: 40 }, async (_, k) => {
        if (k % 3 === 0) {
          await pool.query('INSERT INTO wide VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)', [p, k, 3, 4, 5, 6, 7, 8, 9, 10]);
        } else if (k % 3 === 1) {
          const r = await pool.query('SELECT $1::int + 1 AS x', [k]);
          expect(r.rows[0].x).toBe(k + 1);
        } else {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            const { rows } = await client.query('SELECT n FROM counter');
            await client.query('UPDATE counter SET n = $1', [rows[0].n + 1]);
            await client.query('COMMIT');
          } finally {
            client.release();
          }
        }
      }),
    );
    await Promise.all(work);
    expect((await pools[1]!.query('SELECT count(*)::int AS n FROM wide')).rows[0].n).toBe(3 * 14);
    // Read-modify-write inside transactions: no lost update when sessions are serialised.
    expect((await pools[2]!.query('SELECT n FROM counter')).rows[0].n).toBe(3 * 13);
    await Promise.all(pools.map((p) => p.end()));
  });

  it('rolls back the transaction of a client that disconnects mid-way', async () => {
    const a = new pg.Client({ connectionString: server.url });
    a.on('error', () => undefined);
    await a.connect();
    await a.query('CREATE TABLE IF NOT EXISTS gone (v int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO gone VALUES (1)');
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const b = new pg.Client({ connectionString: server.url });
    await b.connect();
    expect((await b.query('SELECT count(*)::int AS n FROM gone')).rows[0].n).toBe(0);
    await b.end();
    await a.end().catch(() => undefined);
  });
});
