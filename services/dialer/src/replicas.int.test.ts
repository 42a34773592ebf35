import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgres, type TestDatabase } from '@voicebot/common';
import type { CampaignStats__Output } from '@voicebot/common/generated/voicebot/v1/CampaignStats';
import { FakeTwilio } from './testing/fake-twilio.ts';
import { anyHourSpec, startTestDialer, testDialerConfig, waitFor } from './testing/harness.ts';

// Replicas share PostgreSQL; PGlite is a single-process embedded store and is not run replicated.
describe('two dialer replicas on one PostgreSQL', () => {
  let db: TestDatabase;
  let carrier: FakeTwilio;
  let a: Awaited<ReturnType<typeof startTestDialer>>;
  let b: Awaited<ReturnType<typeof startTestDialer>>;

  beforeAll(async () => {
    db = await createTestPostgres();
    carrier = new FakeTwilio({ accountSid: 'ACdemo', authToken: 'demo-auth-token', plan: (to) => ({ result: 'answer', ringMs: 30 + Number(to.at(-1)) * 10, talkMs: 80 }) });
    await carrier.start();
    a = await startTestDialer(await testDialerConfig(db.url, carrier.url, { VOICEBOT_DIALER_INSTANCE_ID: 'replica-a', VOICEBOT_DIALER_FALLBACK_SLOTS: '6' }));
    b = await startTestDialer(await testDialerConfig(db.url, carrier.url, { VOICEBOT_DIALER_INSTANCE_ID: 'replica-b', VOICEBOT_DIALER_FALLBACK_SLOTS: '6' }));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await carrier?.stop();
    await db?.drop();
  });

  it('one pacer per campaign (lease), every lead dialed exactly once', async () => {
    await a.call('CreateCampaign', { campaign_id: 'rep', spec: anyHourSpec({ max_concurrent_calls: 6 }) });
    const csv = ['phone,timezone', ...Array.from({ length: 40 }, (_, i) => `1390020${String(i).padStart(4, '0')},Asia/Shanghai`)].join('\n');
    await a.call('ImportLeads', { campaign_id: 'rep', csv });
    await b.call('StartCampaign', { campaign_id: 'rep' });
    const stats = await waitFor(
      'campaign completed',
      async () => {
        const s = await b.call<CampaignStats__Output>('GetCampaignStats', { campaign_id: 'rep' });
        return s.state === 'CAMPAIGN_STATE_COMPLETED' ? s : null;
      },
      60_000,
    );
    expect(stats.attempts).toBe(40);
    expect(stats.answered).toBe(40);
    expect(new Set(carrier.originates.map((o) => o.to)).size).toBe(40);
    expect(carrier.originates).toHaveLength(40);
    const lease = await a.pool.query(`SELECT owner FROM dialer_leases WHERE name = 'pacer:rep'`);
    expect(lease.rows.length).toBeLessThanOrEqual(1);
  });
});
