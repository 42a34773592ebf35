import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES, type TestDatabase } from '@voicebot/common';
import type { CampaignStats__Output } from '@voicebot/common/generated/voicebot/v1/CampaignStats';
import { FakeTwilio, type CallPlan } from './testing/fake-twilio.ts';
import { anyHourSpec, startTestDialer, testDialerConfig, waitFor } from './testing/harness.ts';
import { twilioSignature } from './carrier/twilio-signature.ts';
import { markOriginated } from './store/attempts.ts';
import { claimLeads } from './store/claims.ts';

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

  it('verifies status callback signatures', async () => {
    const url = `${dialer.httpUrl}/carrier/twilio/status?callId=nope`;
    const params = { CallSid: 'CA1', CallStatus: 'ringing' };
    const post = (sig: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig }, body: new URLSearchParams(params) });
    expect((await post('bad')).status).toBe(403);
    const good = twilioSignature('demo-auth-token', url, params);
    expect((await post(good)).status).toBe(404);
  });

  it('abandons an answered call when no robot slot is free: identification message, hang-up, counted', async () => {
    await dialer.call('CreateCampaign', { campaign_id: 'c-abandon', spec: anyHourSpec() });
    await dialer.call('ImportLeads', { campaign_id: 'c-abandon', csv: 'phone,timezone\n13800000100,Asia/Shanghai' });
    const rules = await dialer.dialer.rulesOf('c-abandon');
    const [a] = (await claimLeads(dialer.pool, { campaignId: 'c-abandon', rules, limit: 1, nowMs: Date.now(), lease: null })).attempts;
    await markOriginated(dialer.pool, a!.callId, 'CAabandon', Date.now());
    await dialer.call('ReportCapacity', { instance_id: 'media-1', total_slots: 4, free_slots: 0, active_calls: 4, accepting: true });
    const status = (s: string, seq: number) =>
      dialer.dialer.onCarrierStatus({ callId: a!.callId, sid: 'CAabandon', status: s, answeredBy: 'human', durationS: s === 'completed' ? 2 : null, sequence: seq, nowMs: Date.now() });
    await status('ringing', 1);
    await status('in-progress', 2);
    await waitFor('hang-up requested', async () => carrier.updates.length > 0 || (await dialer.pool.query(`SELECT end_reason FROM dialer_attempts WHERE id = $1`, [a!.callId])).rows[0].end_reason === 'abandoned');
    await status('completed', 3);
    const s = await dialer.call<CampaignStats__Output>('GetCampaignStats', { campaign_id: 'c-abandon' });
    expect(s.abandoned).toBe(1);
    expect(s.answered).toBe(0);
    expect(s.abandon_ratio).toBe(1);
  });

  it('streams a CSV posted over HTTP into a campaign', async () => {
    await dialer.call('CreateCampaign', { campaign_id: 'c-http', spec: anyHourSpec() });
    const csv = ['phone,name', ...Array.from({ length: 3000 }, (_, i) => `1390${String(1_000_000 + i).slice(-7)},n${i}`), 'oops,bad'].join('\n');
    const res = await fetch(`${dialer.httpUrl}/leads/import?campaign_id=c-http`, { method: 'POST', body: csv });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ imported: 3000, duplicates: 0, errors: [{ row: 3001, reason: 'phone "oops": not a phone number' }] });
    const missing = await fetch(`${dialer.httpUrl}/leads/import?campaign_id=none`, { method: 'POST', body: csv });
    expect(missing.status).toBe(404);
    const bad = await fetch(`${dialer.httpUrl}/leads/import?campaign_id=c-http`, { method: 'POST', body: 'name\nx' });
    expect(bad.status).toBe(400);
  });

  it('serves recorded prompts for the abandoned-call message, and only simple names', async () => {
    const ok = await fetch(`${dialer.httpUrl}/carrier/prompt?script=loan-zh&prompt=close_no`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('audio/wav');
    expect((await ok.arrayBuffer()).byteLength).toBeGreaterThan(44);
    expect((await fetch(`${dialer.httpUrl}/carrier/prompt?script=loan-zh&prompt=abandon`)).status).toBe(200);
    expect((await fetch(`${dialer.httpUrl}/carrier/prompt?script=loan-zh&prompt=no_such_prompt`)).status).toBe(404);
    expect((await fetch(`${dialer.httpUrl}/carrier/prompt?script=..&prompt=passwd`)).status).toBe(400);
  });

  it('rejects bad input with INVALID_ARGUMENT naming the field', async () => {
    await expect(dialer.call('CreateCampaign', { spec: anyHourSpec({ caller_ids: ['12'] }) })).rejects.toThrow(/caller_ids\[0\]/);
    await expect(dialer.call('CreateCampaign', { spec: anyHourSpec({ windows: [{ start_minute: 600, end_minute: 500 }] }) })).rejects.toThrow(/windows\[0\]/);
    await expect(dialer.call('StartCampaign', { campaign_id: 'nope' })).rejects.toThrow(/not found/);
  });
});
