import type { QueryResultRow } from 'pg';
import { withTransaction, type Pool, type PoolClient } from '@voicebot/common';
import type { CampaignRules } from '../campaign-spec.ts';
import { leadAfterAttempt, outcomeOfCarrierStatus, type AttemptOutcome } from '../outcomes.ts';
import { ms, msOrNull } from './rows.ts';

/** Campaign rules by id, read through the given client when not cached (never a second pool connection inside a transaction). */
export type RulesLookup = (campaignId: string, client: PoolClient) => Promise<CampaignRules>;

export type AttemptState = 'originating' | 'dialing' | 'ringing' | 'in_call' | 'ended';

const ORDER: Record<AttemptState, number> = { originating: 0, dialing: 1, ringing: 2, in_call: 3, ended: 4 };

export interface AttemptRow {
  id: string;
  campaignId: string;
  leadId: string;
  attemptNo: number;
  phone: string;
  callerId: string;
  carrier: string;
  carrierSid: string | null;
  state: AttemptState;
  outcome: string;
  answeredBy: string;
  createdMs: number;
  ringingMs: number | null;
  answeredMs: number | null;
  endedMs: number | null;
  endReason: string;
}

const COLUMNS = `id, campaign_id, lead_id, attempt_no, phone, caller_id, carrier, carrier_sid, state, outcome, answered_by,
  created_ms, ringing_ms, answered_ms, ended_ms, end_reason, last_sequence`;

function toAttempt(r: QueryResultRow): AttemptRow {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    leadId: r.lead_id,
    attemptNo: r.attempt_no,
    phone: r.phone,
    callerId: r.caller_id,
    carrier: r.carrier,
    carrierSid: r.carrier_sid,
    state: r.state,
    outcome: r.outcome,
    answeredBy: r.answered_by,
    createdMs: ms(r.created_ms),
    ringingMs: msOrNull(r.ringing_ms),
    answeredMs: msOrNull(r.answered_ms),
    endedMs: msOrNull(r.ended_ms),
    endReason: r.end_reason,
  };
}

/** The carrier accepted the originate request: remember its call sid. */
export async function markOriginated(pool: Pool, callId: string, sid: string, nowMs: number): Promise<void> {
  await pool.query(
    `UPDATE dialer_attempts SET carrier_sid = COALESCE(carrier_sid, $2), originated_ms = COALESCE(originated_ms, $3),
       state = CASE WHEN state = 'originating' THEN 'dialing' ELSE state END WHERE id = $1`,
    [callId, sid, nowMs],
  );
}

export interface StatusUpdate {
  /** Our call id (from the callback URL) when known, else found by sid. */
  callId: string | null;
  sid: string;
  status: string;
  answeredBy: string;
  durationS: number | null;
  sequence: number | null;
  nowMs: number;
}

export interface StatusResult {
  attempt: AttemptRow;
  /** The call was answered by this update (first in-progress). */
  answeredNow: boolean;
  /** The attempt ended with this update. */
  ended: AttemptOutcome | null;
  /** Ring time in ms when the call stopped ringing (answer or final state), for the estimators. */
  ringMs: number | null;
  /** Lead became final (done/blocked) with this update. */
  leadFinal: boolean;
}

/**
 * Apply one carrier status callback. Idempotent and order-tolerant: states only move forward,
 * a duplicate or late callback changes nothing. Ending an attempt moves its lead on in the same
 * transaction, so a crash never leaves one without the other.
 */
export async function applyCarrierStatus(
  pool: Pool,
  rulesOf: RulesLookup,
  u: StatusUpdate,
): Promise<StatusResult | null> {
  return withTransaction(pool, async (client) => {
    const found = u.callId
      ? await client.query(`SELECT ${COLUMNS} FROM dialer_attempts WHERE id = $1 FOR UPDATE`, [u.callId])
      : await client.query(`SELECT ${COLUMNS} FROM dialer_attempts WHERE carrier_sid = $1 FOR UPDATE`, [u.sid]);
    if (found.rowCount === 0) return null;
    const row = found.rows[0];
    const attempt = toAttempt(row);
    if (!attempt.carrierSid && u.sid) {
      await client.query('UPDATE dialer_attempts SET carrier_sid = $2 WHERE id = $1 AND carrier_sid IS NULL', [attempt.id, u.sid]);
      attempt.carrierSid = u.sid;
    }
    if (u.sequence !== null) {
      if (u.sequence <= Number(row.last_sequence)) return { attempt, answeredNow: false, ended: null, ringMs: null, leadFinal: false };
      await client.query('UPDATE dialer_attempts SET last_sequence = $2 WHERE id = $1', [attempt.id, u.sequence]);
    }
    if (attempt.state === 'ended') return { attempt, answeredNow: false, ended: null, ringMs: null, leadFinal: false };
    const advance = async (to: AttemptState, extra: string, params: unknown[]): Promise<void> => {
      if (ORDER[to] <= ORDER[attempt.state]) return;
      await client.query(`UPDATE dialer_attempts SET state = '${to}'${extra} WHERE id = $1`, [attempt.id, ...params]);
      attempt.state = to;
    };
    switch (u.status) {
      case 'queued':
      case 'initiated':
        await advance('dialing', '', []);
        return { attempt, answeredNow: false, ended: null, ringMs: null, leadFinal: false };
      case 'ringing':
        await advance('ringing', ', ringing_ms = $2', [u.nowMs]);
        attempt.ringingMs ??= u.nowMs;
        return { attempt, answeredNow: false, ended: null, ringMs: null, leadFinal: false };
      case 'in-progress':
      case 'answered': {
        if (attempt.state === 'in_call') return { attempt, answeredNow: false, ended: null, ringMs: null, leadFinal: false };
        await advance('in_call', ', answered_ms = $2, answered_by = $3', [u.nowMs, u.answeredBy || 'human']);
        attempt.answeredMs = u.nowMs;
        attempt.answeredBy = u.answeredBy || 'human';
        return { attempt, answeredNow: true, ended: null, ringMs: ringTime(attempt, u.nowMs), leadFinal: false };
      }
      default: {
        const answered = attempt.answeredMs !== null || (u.durationS ?? 0) > 0;
        const answeredBy = attempt.answeredBy || u.answeredBy;
        if (!attempt.answeredBy && u.answeredBy) await client.query('UPDATE dialer_attempts SET answered_by = $2 WHERE id = $1', [attempt.id, u.answeredBy]);
        const outcome = outcomeOfCarrierStatus(u.status, answered, answeredBy, attempt.endReason === 'abandoned');
        if (!outcome) return { attempt, answeredNow: false, ended: null, ringMs: null, leadFinal: false };
        const ringMs = attempt.answeredMs === null ? ringTime(attempt, u.nowMs) : null;
        const leadFinal = await endAttempt(client, await rulesOf(attempt.campaignId, client), attempt, outcome, u.durationS, u.nowMs, '');
        return { attempt, answeredNow: false, ended: outcome, ringMs, leadFinal };
      }
    }
  });
}

function ringTime(a: AttemptRow, nowMs: number): number {
  return nowMs - (a.ringingMs ?? a.createdMs);
}

/** End an attempt and move its lead on (inside the caller's transaction). Returns whether the lead became final. */
export async function endAttempt(
  client: PoolClient,
  rules: CampaignRules,
  attempt: AttemptRow,
  outcome: AttemptOutcome,
  durationS: number | null,
  nowMs: number,
  endReason: string,
): Promise<boolean> {
  await client.query(
    `UPDATE dialer_attempts SET state = 'ended', outcome = $2, ended_ms = $3, duration_s = $4,
       end_reason = CASE WHEN end_reason = '' THEN $5 ELSE end_reason END WHERE id = $1`,
    [attempt.id, outcome, nowMs, durationS, endReason],
  );
  attempt.state = 'ended';
  attempt.outcome = outcome;
  const lead = await client.query('SELECT attempts, refused, state FROM dialer_leads WHERE id = $1 FOR UPDATE', [attempt.leadId]);
  const l = lead.rows[0];
  // A lead closed meanwhile (opt-out, refusal reported by the dialogue) stays closed.
  if (!l || l.state === 'done' || l.state === 'blocked') return false;
  const next = leadAfterAttempt(rules, { attempts: Number(l.attempts), refused: l.refused }, outcome, nowMs);
  if (next.state === 'pending') {
    await client.query(
      `UPDATE dialer_leads SET state = 'pending', next_attempt_ms = $2, last_outcome = $3, last_attempt_end_ms = $4, updated_ms = $4 WHERE id = $1`,
      [attempt.leadId, next.nextAttemptMs, outcome, nowMs],
    );
    return false;
  }
  await client.query(
    `UPDATE dialer_leads SET state = $2, final_reason = $3, last_outcome = $4, last_attempt_end_ms = $5, updated_ms = $5 WHERE id = $1`,
    [attempt.leadId, next.state, next.reason, outcome, nowMs],
  );
  return true;
}

/** Mark a live call as abandoned (no robot slot in time); its outcome is settled when it ends. */
export async function markAbandoned(pool: Pool, callId: string): Promise<void> {
  await pool.query(`UPDATE dialer_attempts SET end_reason = 'abandoned' WHERE id = $1 AND state <> 'ended'`, [callId]);
}

/** End an attempt the carrier never confirmed (rejected request, lost call) with an outcome. */
export async function endAttemptById(
  pool: Pool,
  rulesOf: RulesLookup,
  callId: string,
  outcome: AttemptOutcome,
  nowMs: number,
  endReason: string,
): Promise<AttemptRow | null> {
  return withTransaction(pool, async (client) => {
    const found = await client.query(`SELECT ${COLUMNS} FROM dialer_attempts WHERE id = $1 FOR UPDATE`, [callId]);
    if (found.rowCount === 0) return null;
    const attempt = toAttempt(found.rows[0]);
    if (attempt.state === 'ended') return null;
    await endAttempt(client, await rulesOf(attempt.campaignId, client), attempt, outcome, null, nowMs, endReason);
    return attempt;
  });
}

/** Every live attempt (not ended), oldest first. */
export async function liveAttempts(pool: Pool): Promise<AttemptRow[]> {
  const res = await pool.query(`SELECT ${COLUMNS} FROM dialer_attempts WHERE state <> 'ended' ORDER BY created_ms`);
  return res.rows.map(toAttempt);
}


/** A campaign's live attempts, for the pacer (read from storage, so every replica sees all of them). */
export async function liveAttemptsOf(pool: Pool, campaignId: string): Promise<AttemptRow[]> {
  const res = await pool.query(`SELECT ${COLUMNS} FROM dialer_attempts WHERE state <> 'ended' AND campaign_id = $1`, [campaignId]);
  return res.rows.map(toAttempt);
}
