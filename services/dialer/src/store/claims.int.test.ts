import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { fromRoot, runMigrations, TEST_STORES, type TestDatabase } from '@voicebot/common';
import { parseCampaignSpec, rulesToSpec } from '../campaign-spec.ts';
import { importLeads } from '../leads/import.ts';
import { createCampaign } from './campaigns.ts';
import { claimLeads } from './claims.ts';
import { addDoNotCall } from './dnc.ts';
import { acquireLease } from './lease.ts';

const NOW = Date.UTC(2026, 10, 18, 4, 0); // Wednesday 12:00 Shanghai

function rules(over: Record<string, unknown> = {}) {
  return parseCampaignSpec({
    name: 'c',
    script_id: 's',
    caller_ids: ['+861085550100', '+861085550101'],
    windows: [{ weekdays: [], start_minute: 540, end_minute: 1200 }],
    retry: { max_attempts: 2 },
    max_calls_per_number: 1,
    frequency_window_hours: 24,
    default_region: 'CN',
    ...over,
  });
}

describe.each(TEST_STORES)('claims on $kind', ({ kind, create }) => {
  let db: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await create();
    pool = new pg.Pool({ connectionString: db.url, max: kind === 'pglite' ? 1 : 6 });
    await runMigrations(pool, 'dialer', fromRoot('services/dialer/migrations'));
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  async function campaign(id: string, over: Record<string, unknown> = {}, csv = '') {
    const r = rules(over);
    await createCampaign(pool, id, r, rulesToSpec(r), NOW);
    if (csv) await importLeads(pool, id, 'CN', [csv], NOW);
    return r;
  }

  it('records every block with its reason and closes final ones', async () => {
    const r = await campaign('blocks', { consent_mode: 'required' }, 'phone,timezone,consent\n13900000001,Asia/Shanghai,yes\n13900000002,Asia/Shanghai,no\n13900000003,America/New_York,yes\n13900000004,Asia/Shanghai,yes');
    await addDoNotCall(pool, { phone: '+8613900000004', reason: 'import', source: 'list', evidence: 'file.csv', callId: '', leadId: '' }, NOW - 1000, 0);
    const res = await claimLeads(pool, { campaignId: 'blocks', rules: r, limit: 10, nowMs: NOW, lease: null });
    expect(res.attempts.map((a) => a.phone)).toEqual(['+8613900000001']);
    expect(res.blocks.map((b) => b.reason).sort()).toEqual(['calling_hours', 'consent_missing', 'dnc']);
    const rows = await pool.query(`SELECT l.phone, l.state, l.final_reason, b.reason, b.final FROM dialer_blocks b JOIN dialer_leads l ON l.id = b.lead_id WHERE b.campaign_id = 'blocks' ORDER BY l.phone`);
    expect(rows.rows).toEqual([
      { phone: '+8613900000002', state: 'blocked', final_reason: 'consent_missing', reason: 'consent_missing', final: true },
      { phone: '+8613900000003', state: 'pending', final_reason: '', reason: 'calling_hours', final: false },
      { phone: '+8613900000004', state: 'blocked', final_reason: 'dnc', reason: 'dnc', final: true },
    ]);
    const attempt = await pool.query(`SELECT state, caller_id, attempt_no FROM dialer_attempts WHERE campaign_id = 'blocks'`);
    expect(attempt.rows).toEqual([{ state: 'originating', caller_id: '+861085550100', attempt_no: 1 }]);
  });

  it('applies the frequency cap across campaigns', async () => {
    const a = await campaign('freq-a', {}, 'phone,timezone\n13900000011,Asia/Shanghai');
    const b = await campaign('freq-b', {}, 'phone,timezone\n13900000011,Asia/Shanghai');
    expect((await claimLeads(pool, { campaignId: 'freq-a', rules: a, limit: 5, nowMs: NOW, lease: null })).attempts).toHaveLength(1);
    const second = await claimLeads(pool, { campaignId: 'freq-b', rules: b, limit: 5, nowMs: NOW + 1000, lease: null });
    expect(second.attempts).toHaveLength(0);
    expect(second.blocks).toEqual([{ reason: 'frequency_cap', final: false }]);
    const lead = await pool.query(`SELECT next_attempt_ms FROM dialer_leads WHERE campaign_id = 'freq-b'`);
    expect(Number(lead.rows[0].next_attempt_ms)).toBe(NOW + 24 * 3600_000);
  });

  it('never hands one lead to two concurrent claimers', async () => {
    const csv = ['phone,timezone', ...Array.from({ length: 60 }, (_, i) => `1390010${String(i).padStart(4, '0')},Asia/Shanghai`)].join('\n');
    const r = await campaign('race', { caller_ids: ['+861085550100'] }, csv);
    const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => claimLeads(pool, { campaignId: 'race', rules: r, limit: 15, nowMs: NOW + i, lease: null })));
    const leadIds = claims.flatMap((c) => c.attempts.map((a) => a.leadId));
    expect(leadIds).toHaveLength(60);
    expect(new Set(leadIds).size).toBe(60);
    const usage = await pool.query(`SELECT calls FROM dialer_caller_id_usage WHERE caller_id = '+861085550100'`);
    expect(usage.rows[0].calls).toBeGreaterThanOrEqual(60);
  });

  it('claims only under a held lease, and one owner holds it at a time', async () => {
    const r = await campaign('leased', {}, 'phone,timezone\n13900000021,Asia/Shanghai');
    expect(await acquireLease(pool, 'pacer:leased', 'replica-a', NOW, 5000)).toBe(true);
    expect(await acquireLease(pool, 'pacer:leased', 'replica-b', NOW + 1000, 5000)).toBe(false);
    const stolen = await claimLeads(pool, { campaignId: 'leased', rules: r, limit: 5, nowMs: NOW + 1000, lease: { name: 'pacer:leased', owner: 'replica-b' } });
    expect(stolen).toEqual({ attempts: [], blocks: [], leaseHeld: false });
    expect(await acquireLease(pool, 'pacer:leased', 'replica-b', NOW + 6000, 5000)).toBe(true);
    const ok = await claimLeads(pool, { campaignId: 'leased', rules: r, limit: 5, nowMs: NOW + 6000, lease: { name: 'pacer:leased', owner: 'replica-b' } });
    expect(ok.attempts).toHaveLength(1);
  });

  it('quarantines the caller id of a call with a complaint', async () => {
    const r = await campaign('complaint', { caller_ids: ['+861085550200', '+861085550201'] }, 'phone,timezone\n13900000031,Asia/Shanghai\n13900000032,Asia/Shanghai');
    const first = await claimLeads(pool, { campaignId: 'complaint', rules: r, limit: 1, nowMs: NOW, lease: null });
    const complaint = first.attempts[0]!;
    await addDoNotCall(pool, { phone: '', reason: 'complaint', source: 'crm', evidence: 'callee complained', callId: complaint.callId, leadId: '' }, NOW, 7 * 86_400_000);
    // Make the quarantined id the least used so rotation would pick it if not quarantined.
    await pool.query(`UPDATE dialer_caller_id_usage SET calls = 0 WHERE caller_id = $1`, [complaint.callerId]);
    await pool.query(`INSERT INTO dialer_caller_id_usage (caller_id, day, calls) VALUES ($1, '2026-11-18', 5) ON CONFLICT (caller_id, day) DO UPDATE SET calls = 5`, [
      r.callerIds.find((c) => c !== complaint.callerId),
    ]);
    const second = await claimLeads(pool, { campaignId: 'complaint', rules: r, limit: 1, nowMs: NOW + 1, lease: null });
    expect(second.attempts[0]!.callerId).not.toBe(complaint.callerId);
  });
});
