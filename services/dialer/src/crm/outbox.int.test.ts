import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createLogger, createRegistry, fromRoot, runMigrations, TEST_STORES, type TestDatabase } from '@voicebot/common';
import { createDialerMetrics } from '../metrics.ts';
import { enqueueWebhook } from '../store/outbox.ts';
import { verifyWebhook } from './signature.ts';
import { CrmWebhookSender } from './webhooks.ts';

describe.each(TEST_STORES)('CRM outbox on $kind', ({ create }) => {
  let db: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await create();
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    await runMigrations(pool, 'dialer', fromRoot('services/dialer/migrations'));
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('delivers signed events at least once, retrying with backoff after failures', async () => {
    let now = 1_800_000_000_000;
    const received: { body: string; sig: string; event: string }[] = [];
    let failNext = 1;
    const crm = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failNext-- > 0) {
          res.writeHead(503).end();
          return;
        }
        received.push({ body, sig: String(req.headers['x-voicebot-signature']), event: String(req.headers['x-voicebot-event']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => crm.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(crm.address() as AddressInfo).port}/hook`;
    const client = await pool.connect();
    await enqueueWebhook(client, 'lead.graded', { lead_id: 'l1', grade: 'A' }, now);
    client.release();
    const sender = new CrmWebhookSender({
      pool,
      log: createLogger('test', 'silent'),
      metrics: createDialerMetrics(createRegistry('dialer')),
      url,
      secret: 'k',
      now: () => now,
    });
    expect(await sender.deliverDue()).toBe(0); // 503 → retry later
    expect(await sender.deliverDue()).toBe(0); // not due yet
    now += 5000;
    expect(await sender.deliverDue()).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]!.event).toBe('lead.graded');
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'lead.graded', data: { lead_id: 'l1', grade: 'A' } });
    expect(verifyWebhook('k', received[0]!.body, received[0]!.sig, now / 1000)).toBe(true);
    expect(await sender.deliverDue()).toBe(0);
    const row = (await pool.query('SELECT tries, delivered_ms FROM dialer_outbox')).rows[0];
    expect(row.tries).toBe(2);
    expect(Number(row.delivered_ms)).toBe(now);
    crm.close();
  });
});
