import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createLogger, createRegistry, fromRoot, runMigrations, TEST_STORES, type TestDatabase } from '@voicebot/common';
import { parseCampaignSpec, rulesToSpec } from './campaign-spec.ts';
import { TwilioRestCarrier } from './carrier/twilio-rest.ts';
import { Dialer } from './dialer.ts';
import { importLeads } from './leads/import.ts';
import { createDialerMetrics } from './metrics.ts';
import { FixedRatioController } from './pacing/fixed-ratio.ts';
import { markOriginated } from './store/attempts.ts';
import { createCampaign } from './store/campaigns.ts';
import { claimLeads } from './store/claims.ts';
import { FakeTwilio } from './testing/fake-twilio.ts';
import { waitFor } from './testing/harness.ts';

describe.each(TEST_STORES)('reconciliation after a crash on $kind', ({ create }) => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let fake: FakeTwilio;
  beforeAll(async () => {
    db = await create();
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    await runMigrations(pool, 'dialer', fromRoot('services/dialer/migrations'));
    fake = new FakeTwilio({ accountSid: 'ACdemo', authToken: 'demo-auth-token', plan: () => ({ result: 'busy', ringMs: 20 }), callbackGiveUpMs: 0 });
    await fake.start();
  });
  afterAll(async () => {
    await fake?.stop();
    await pool?.end();
    await db?.drop();
  });

  it('settles what the carrier knows, times out what it never confirmed, and never re-sends an attempt', async () => {
    const t0 = Date.now();
    const rules = parseCampaignSpec({
      name: 'r',
      script_id: 's',
      caller_ids: ['+861085550100'],
      windows: [{ start_minute: 0, end_minute: 1440 }],
      retry: { max_attempts: 2, busy_retry_s: 60, no_answer_retry_s: 60 },
      max_calls_per_number: 5,
    });
    await createCampaign(pool, 'r', rules, rulesToSpec(rules), t0);
    await importLeads(pool, 'r', 'CN', ['phone,timezone\n13900000001,Asia/Shanghai\n13900000002,Asia/Shanghai'], t0);
    const claimed = (await claimLeads(pool, { campaignId: 'r', rules, limit: 2, nowMs: t0, lease: null })).attempts;
    expect(claimed).toHaveLength(2);
    // The previous process placed the first call and crashed before placing the second.
    const carrier = new TwilioRestCarrier({
      name: 'simulator',
      baseUrl: fake.url,
      accountSid: 'ACdemo',
      authToken: 'demo-auth-token',
      mediaWsUrl: 'ws://127.0.0.1:8081',
      mediaTokenSecret: 'x',
      publicUrl: 'http://127.0.0.1:9',
      requestTimeoutMs: 2000,
    });
    const [placed, lost] = claimed as [(typeof claimed)[0], (typeof claimed)[0]];
    const { sid } = await carrier.originate({ callId: placed.callId, campaignId: 'r', leadId: placed.leadId, scriptId: 's', to: placed.phone, from: placed.callerId, timeoutS: 5 });
    await markOriginated(pool, placed.callId, sid, t0);
    await waitFor('carrier ended the call', async () => (await carrier.fetchStatus(sid))?.status === 'busy');

    let now = t0 + 1000;
    const dialer = new Dialer(
      { pool, log: createLogger('test', 'silent'), metrics: createDialerMetrics(createRegistry('dialer')), carriers: new Map([['simulator', carrier]]), controller: () => new FixedRatioController(1), now: () => now },
      { owner: 'test', tickMs: 1000, leaseTtlMs: 5000, ringTimeoutS: 5, maxCallS: 60, reconcileEveryMs: 1000, reconcileGraceS: 5, quarantineDays: 7, crmGrades: ['A'], abandonWhenNoSlot: true, capacityStaleMs: 10_000, fallbackSlots: 0, promptExists: () => false },
    );
    await dialer.reconcile(true);
    const state = async () => (await pool.query('SELECT id, state, outcome, end_reason FROM dialer_attempts ORDER BY id')).rows;
    const byId = async (id: string) => (await state()).find((r) => r.id === id);
    expect(await byId(placed.callId)).toMatchObject({ state: 'ended', outcome: 'busy' });
    expect(await byId(lost.callId)).toMatchObject({ state: 'originating' });

    now = t0 + 11_000;
    await dialer.reconcile(false);
    expect(await byId(lost.callId)).toMatchObject({ state: 'ended', outcome: 'unknown', end_reason: 'originate never confirmed' });
    const leads = (await pool.query(`SELECT state, attempts, last_outcome, next_attempt_ms FROM dialer_leads ORDER BY last_outcome`)).rows;
    expect(leads.map((l) => [l.state, l.attempts, l.last_outcome])).toEqual([
      ['pending', 1, 'busy'],
      ['pending', 1, 'unknown'],
    ]);
    expect(Number(leads[1].next_attempt_ms)).toBe(now + 60_000);
    expect(fake.originates.map((o) => o.callId)).toEqual([placed.callId]);
  });
});
