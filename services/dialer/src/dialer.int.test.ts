import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES, type TestDatabase } from '@voicebot/common';
import type { CampaignStats__Output } from '@voicebot/common/generated/voicebot/v1/CampaignStats';
import { FakeTwilio, type CallPlan } from './testing/fake-twilio.ts';
import { anyHourSpec, startTestDialer, testDialerConfig, waitFor } from './testing/harness.ts';

/** Callee behaviour by the last digit of the number. */
function plan(to: string): CallPlan {
  switch (to.at(-1)) {
    case '1':
      return { result: 'busy', ringMs: 30 };
    case '2':
      return { result: 'no-answer', ringMs: 60 };
    case '3':
      return { result: 'answer', ringMs: 40, talkMs: 100, answeredBy: 'machine_start' };
    default:
      return { result: 'answer', ringMs: 40, talkMs: 150 };
  }
}

describe.each(TEST_STORES)('dialer end to end on $kind', ({ create }) => {
  let db: TestDatabase;
  let carrier: FakeTwilio;
  let dialer: Awaited<ReturnType<typeof startTestDialer>>;

  beforeAll(async () => {
    db = await create();
    carrier = new FakeTwilio({ accountSid: 'ACdemo', authToken: 'demo-auth-token', plan });
    await carrier.start();
    dialer = await startTestDialer(await testDialerConfig(db.url, carrier.url));
  });
  afterAll(async () => {
    await dialer?.close();
    await carrier?.stop();
    await db?.drop();
  });

  it('dials every lead once, records outcomes, honours do-not-call, and completes the campaign', async () => {
    const created = await dialer.call<{ campaign_id: string; state: string }>('CreateCampaign', { campaign_id: 'c1', spec: anyHourSpec() });
    expect(created.state).toBe('CAMPAIGN_STATE_PAUSED');
    const csv = [
      'phone,name,timezone,segment',
      '13800000000,Ann,Asia/Shanghai,gold',
      '13800000001,Bob,,silver',
      '13800000002,Cy,Asia/Shanghai,',
      '13800000003,Di,Asia/Shanghai,',
      '138 0000 0004,Ed,Asia/Shanghai,',
      '+86 138-0000-0000,Ann again,,',
      'not-a-number,Bad,,',
      '13800000005,Fay,Mars/Olympus,',
      '13800000009,Dnc,Asia/Shanghai,',
    ].join('\n');
    const imported = await dialer.call<{ imported: number; duplicates: number; errors: { row: number; reason: string }[] }>('ImportLeads', { campaign_id: 'c1', csv });
    expect(imported.imported).toBe(6);
    expect(imported.duplicates).toBe(1);
    expect(imported.errors.map((e) => e.row)).toEqual([7, 8]);
    expect(imported.errors[0]!.reason).toMatch(/not a phone number|invalid/);

    const dnc = await dialer.call<{ phone_e164: string }>('AddDoNotCall', { phone: '13800000009', reason: 'complaint', source: 'test', default_region: 'CN' });
    expect(dnc.phone_e164).toBe('+8613800000009');
    expect(await dialer.call('CheckDoNotCall', { phone: '+8613800000009' })).toMatchObject({ blocked: true, reason: 'complaint' });

    await dialer.call('StartCampaign', { campaign_id: 'c1' });
    const stats = await waitFor('campaign completed', async () => {
      const s = await dialer.call<CampaignStats__Output>('GetCampaignStats', { campaign_id: 'c1' });
      return s.state === 'CAMPAIGN_STATE_COMPLETED' ? s : null;
    });
    expect(stats.leads_total).toBe(6);
    expect(stats.leads_done).toBe(6);
    expect(stats.attempts).toBe(5);
    expect(stats.answered).toBe(2);
    expect(stats.busy).toBe(1);
    expect(stats.no_answer).toBe(1);
    expect(stats.machine).toBe(1);
    expect(stats.blocks).toEqual({ dnc: 1 });
    // One originate per attempt, never to the do-not-call number, each with a signed stream URL.
    const to = carrier.originates.map((o) => o.to).sort();
    expect(to).toEqual(['+8613800000000', '+8613800000001', '+8613800000002', '+8613800000003', '+8613800000004']);
    expect(new Set(carrier.originates.map((o) => o.callId)).size).toBe(5);
    expect(carrier.originates[0]!.twiml).toMatch(/<Connect><Stream url="ws:\/\/127\.0\.0\.1:8081\/twilio\?token=[^"]+">/);
    expect(carrier.originates[0]!.twiml).toContain('<Parameter name="scriptId" value="loan-zh"/>');
  });

  it('records grades and opt-outs reported by the dialogue service', async () => {
    const callId = (await dialer.pool.query(`SELECT id FROM dialer_attempts WHERE campaign_id = 'c1' AND outcome = 'answered' LIMIT 1`)).rows[0].id;
    const ack = await dialer.call<{ accepted: boolean }>('ReportCallOutcome', {
      call_id: callId,
      grade: 'GRADE_A',
      consent: true,
      opted_out: true,
      opt_out_evidence: '别再打了',
      answer_to_audio_ms: 800,
    });
    expect(ack.accepted).toBe(true);
    const s = await dialer.call<CampaignStats__Output>('GetCampaignStats', { campaign_id: 'c1' });
    expect(s.grades).toEqual({ A: 1 });
    expect(s.opt_outs).toBe(1);
    const phone = (await dialer.pool.query('SELECT phone FROM dialer_attempts WHERE id = $1', [callId])).rows[0].phone;
    expect(await dialer.call('CheckDoNotCall', { phone })).toMatchObject({ blocked: true, reason: 'opt_out' });
    const outbox = await dialer.pool.query('SELECT kind FROM dialer_outbox ORDER BY id');
    expect(outbox.rows.map((r) => r.kind)).toEqual(['lead.graded', 'lead.opted_out']);
  });

  it('rejects bad input with INVALID_ARGUMENT naming the field', async () => {
    await expect(dialer.call('CreateCampaign', { spec: anyHourSpec({ caller_ids: ['12'] }) })).rejects.toThrow(/caller_ids\[0\]/);
    await expect(dialer.call('CreateCampaign', { spec: anyHourSpec({ windows: [{ start_minute: 600, end_minute: 500 }] }) })).rejects.toThrow(/windows\[0\]/);
    await expect(dialer.call('StartCampaign', { campaign_id: 'nope' })).rejects.toThrow(/not found/);
  });
});
