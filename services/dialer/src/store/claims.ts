import crypto from 'node:crypto';
import { withTransaction, type Pool, type PoolClient } from '@voicebot/common';
import type { CampaignRules } from '../campaign-spec.ts';
import { decideDial, type BlockReason, type Verdict } from '../compliance/compliance.ts';
import { usageDay, type CallerIdState } from '../compliance/caller-id.ts';
import { ms, msOrNull } from './rows.ts';

/** A lead claimed for dialing: its attempt row is committed before anyone calls the carrier. */
export interface ClaimedAttempt {
  callId: string;
  campaignId: string;
  leadId: string;
  attemptNo: number;
  phone: string;
  callerId: string;
}

export interface ClaimResult {
  attempts: ClaimedAttempt[];
  blocks: { reason: BlockReason; final: boolean }[];
  /** False when this process no longer holds the campaign's pacer lease (nothing was claimed). */
  leaseHeld: boolean;
}

export interface ClaimRequest {
  campaignId: string;
  rules: CampaignRules;
  limit: number;
  nowMs: number;
  /** Pacer lease the claim is fenced by (null in tools/tests that run without one). */
  lease: { name: string; owner: string } | null;
}

/** Lock numbers in a fixed order so claims and do-not-call adds on one number serialise across replicas. */
export async function lockPhones(client: PoolClient, phones: string[]): Promise<void> {
  if (phones.length === 0) return;
  await client.query('SELECT pg_advisory_xact_lock(hashtext(p)) FROM (SELECT DISTINCT unnest($1::text[]) AS p ORDER BY 1) s', [phones]);
}

/**
 * Claim up to `limit` due leads of a campaign in one transaction: lock them (SKIP LOCKED, so
 * replicas never claim the same lead), judge each with the compliance rules, record every block,
 * and write an attempt row (id = call id = idempotency key) for each lead cleared to dial.
 */
export async function claimLeads(pool: Pool, req: ClaimRequest): Promise<ClaimResult> {
  return withTransaction(pool, async (client) => {
    if (req.lease) {
      const held = await client.query('SELECT 1 FROM dialer_leases WHERE name = $1 AND owner = $2 AND expires_ms > $3 FOR SHARE', [
        req.lease.name,
        req.lease.owner,
        req.nowMs,
      ]);
      if (held.rowCount === 0) return { attempts: [], blocks: [], leaseHeld: false };
    }
    const leads = await client.query(
      `SELECT id, phone, timezone, consent, refused, attempts, last_outcome, last_attempt_end_ms FROM dialer_leads
       WHERE campaign_id = $1 AND state = 'pending' AND next_attempt_ms <= $2
       ORDER BY next_attempt_ms, id LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [req.campaignId, req.nowMs, req.limit],
    );
    if (leads.rowCount === 0) return { attempts: [], blocks: [], leaseHeld: true };
    const phones = leads.rows.map((r) => r.phone as string);
    await lockPhones(client, phones);
    const facts = await gatherFacts(client, req.rules, phones, req.nowMs);
    const attempts: ClaimedAttempt[] = [];
    const blocks: ClaimResult['blocks'] = [];
    for (const lead of leads.rows) {
      const verdict: Verdict = decideDial(
        req.rules,
        {
          phone: lead.phone,
          timezone: lead.timezone,
          consent: lead.consent,
          refused: lead.refused,
          attempts: lead.attempts,
          lastOutcome: lead.last_outcome,
          lastAttemptEndMs: msOrNull(lead.last_attempt_end_ms),
        },
        { dnc: facts.dnc.get(lead.phone) ?? null, recentCallsMs: facts.recent.get(lead.phone) ?? [] },
        facts.callerIds,
        req.nowMs,
      );
      if (verdict.kind === 'block') {
        blocks.push({ reason: verdict.reason, final: verdict.final });
        await recordBlock(client, req, lead.id, lead.phone, verdict);
        continue;
      }
      const callId = crypto.randomUUID();
      const attemptNo = Number(lead.attempts) + 1;
      await client.query(
        `INSERT INTO dialer_attempts (id, campaign_id, lead_id, attempt_no, phone, caller_id, carrier, state, created_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'originating', $8)`,
        [callId, req.campaignId, lead.id, attemptNo, lead.phone, verdict.callerId, req.rules.carrier, req.nowMs],
      );
      await client.query(`UPDATE dialer_leads SET state = 'dialing', attempts = $2, updated_ms = $3 WHERE id = $1`, [lead.id, attemptNo, req.nowMs]);
      await client.query(
        `INSERT INTO dialer_caller_id_usage (caller_id, day, calls) VALUES ($1, $2, 1)
         ON CONFLICT (caller_id, day) DO UPDATE SET calls = dialer_caller_id_usage.calls + 1`,
        [verdict.callerId, usageDay(req.nowMs)],
      );
      const used = facts.callerIds.find((c) => c.callerId === verdict.callerId);
      if (used) used.callsToday += 1;
      const recent = facts.recent.get(lead.phone) ?? [];
      recent.push(req.nowMs);
      facts.recent.set(lead.phone, recent);
      attempts.push({ callId, campaignId: req.campaignId, leadId: lead.id, attemptNo, phone: lead.phone, callerId: verdict.callerId });
    }
    return { attempts, blocks, leaseHeld: true };
  });
}

async function recordBlock(client: PoolClient, req: ClaimRequest, leadId: string, phone: string, verdict: Extract<Verdict, { kind: 'block' }>): Promise<void> {
  await client.query(
    `INSERT INTO dialer_blocks (campaign_id, lead_id, phone, reason, final, detail, retry_ms, created_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [req.campaignId, leadId, phone, verdict.reason, verdict.final, verdict.detail, verdict.retryAtMs, req.nowMs],
  );
  if (verdict.final) {
    await client.query(`UPDATE dialer_leads SET state = 'blocked', final_reason = $2, updated_ms = $3 WHERE id = $1`, [leadId, verdict.reason, req.nowMs]);
  } else {
    await client.query(`UPDATE dialer_leads SET next_attempt_ms = $2, updated_ms = $3 WHERE id = $1`, [leadId, verdict.retryAtMs, req.nowMs]);
  }
}

interface Facts {
  dnc: Map<string, { reason: string; sinceMs: number }>;
  recent: Map<string, number[]>;
  callerIds: CallerIdState[];
}

async function gatherFacts(client: PoolClient, rules: CampaignRules, phones: string[], nowMs: number): Promise<Facts> {
  const dncRows = await client.query(
    'SELECT phone, reason, created_ms FROM dialer_dnc WHERE phone = ANY($1) AND created_ms <= $2 ORDER BY created_ms',
    [phones, nowMs],
  );
  const dnc = new Map<string, { reason: string; sinceMs: number }>();
  for (const r of dncRows.rows) if (!dnc.has(r.phone)) dnc.set(r.phone, { reason: r.reason, sinceMs: ms(r.created_ms) });
  const recentRows = await client.query('SELECT phone, created_ms FROM dialer_attempts WHERE phone = ANY($1) AND created_ms > $2', [
    phones,
    nowMs - rules.frequencyWindowHours * 3600_000,
  ]);
  const recent = new Map<string, number[]>();
  for (const r of recentRows.rows) {
    const list = recent.get(r.phone) ?? [];
    list.push(ms(r.created_ms));
    recent.set(r.phone, list);
  }
  const usage = await client.query('SELECT caller_id, calls FROM dialer_caller_id_usage WHERE caller_id = ANY($1) AND day = $2', [
    rules.callerIds,
    usageDay(nowMs),
  ]);
  const quarantine = await client.query(
    'SELECT caller_id, max(until_ms) AS until_ms FROM dialer_caller_id_quarantine WHERE caller_id = ANY($1) AND until_ms > $2 GROUP BY caller_id',
    [rules.callerIds, nowMs],
  );
  const callsBy = new Map(usage.rows.map((r) => [r.caller_id as string, Number(r.calls)]));
  const quarantinedBy = new Map(quarantine.rows.map((r) => [r.caller_id as string, ms(r.until_ms)]));
  const callerIds = rules.callerIds.map((callerId) => ({
    callerId,
    callsToday: callsBy.get(callerId) ?? 0,
    quarantinedUntilMs: quarantinedBy.get(callerId) ?? null,
  }));
  return { dnc, recent, callerIds };
}
