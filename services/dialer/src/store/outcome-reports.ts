import { withTransaction, type Pool } from '@voicebot/common';
import { enqueueWebhook } from './outbox.ts';

export interface OutcomeReport {
  callId: string;
  grade: string;
  consent: boolean;
  optedOut: boolean;
  refused: boolean;
  endReason: string;
  talkMs: number;
  answerToAudioMs: number;
  optOutEvidence: string;
}

export interface OutcomeResult {
  campaignId: string;
  leadId: string;
  /** The call turned out abandoned (no robot audio within the limit). */
  abandoned: boolean;
  firstReport: boolean;
}

/** An answered call with no robot audio within this time counts as abandoned (FCC/Ofcom: 2 s). */
export const ABANDON_AUDIO_LIMIT_MS = 2000;

/**
 * Record how an answered call ended, as reported by the dialogue service: grade, consent,
 * refusal, opt-out (which adds a do-not-call record with the utterance as evidence), and queue
 * the CRM webhooks, all in one transaction.
 */
export async function recordOutcome(pool: Pool, r: OutcomeReport, crmGrades: readonly string[], nowMs: number): Promise<OutcomeResult | null> {
  return withTransaction(pool, async (client) => {
    const found = await client.query(
      'SELECT id, campaign_id, lead_id, phone, state, outcome, outcome_reported FROM dialer_attempts WHERE id = $1 FOR UPDATE',
      [r.callId],
    );
    if (found.rowCount === 0) return null;
    const a = found.rows[0];
    const abandoned = r.endReason === 'abandoned' || r.answerToAudioMs > ABANDON_AUDIO_LIMIT_MS;
    await client.query(
      `UPDATE dialer_attempts SET grade = $2, consent = $3, opted_out = $4, refused = $5, talk_ms = $6, answer_to_audio_ms = $7,
         end_reason = CASE WHEN $8 THEN 'abandoned' WHEN end_reason = '' THEN $9 ELSE end_reason END,
         outcome = CASE WHEN $8 AND outcome = 'answered' THEN 'abandoned' ELSE outcome END,
         outcome_reported = true
       WHERE id = $1`,
      [r.callId, r.grade, r.consent, r.optedOut, r.refused, r.talkMs, r.answerToAudioMs || null, abandoned, r.endReason],
    );
    const closes = r.refused || r.optedOut;
    await client.query(
      `UPDATE dialer_leads SET grade = CASE WHEN $2 = '' THEN grade ELSE $2 END, refused = refused OR $3,
         state = CASE WHEN $3 AND state = 'pending' THEN 'blocked' ELSE state END,
         final_reason = CASE WHEN $3 AND state = 'pending' THEN $4 ELSE final_reason END,
         updated_ms = $5
       WHERE id = $1`,
      [a.lead_id, r.grade, closes, r.optedOut ? 'opt_out' : 'refused', nowMs],
    );
    if (r.consent) {
      await client.query('INSERT INTO dialer_consent_events (lead_id, phone, consent, source, call_id, created_ms) VALUES ($1, $2, true, $3, $4, $5)', [
        a.lead_id,
        a.phone,
        'dialogue',
        r.callId,
        nowMs,
      ]);
    }
    if (r.optedOut) {
      await client.query(
        `INSERT INTO dialer_dnc (phone, reason, source, evidence, call_id, lead_id, created_ms) VALUES ($1, 'opt_out', 'dialogue', $2, $3, $4, $5)`,
        [a.phone, r.optOutEvidence, r.callId, a.lead_id, nowMs],
      );
    }
    const first = !a.outcome_reported;
    if (first) {
      const lead = (await client.query('SELECT name, attributes FROM dialer_leads WHERE id = $1', [a.lead_id])).rows[0] ?? {};
      const base = { campaign_id: a.campaign_id, lead_id: a.lead_id, call_id: r.callId, phone: a.phone, name: lead.name ?? '', attributes: lead.attributes ?? {}, at_ms: nowMs };
      if (r.grade && crmGrades.includes(r.grade)) await enqueueWebhook(client, 'lead.graded', { ...base, grade: r.grade, consent: r.consent, talk_ms: r.talkMs }, nowMs);
      if (r.optedOut) await enqueueWebhook(client, 'lead.opted_out', { ...base, evidence: r.optOutEvidence }, nowMs);
    }
    return { campaignId: a.campaign_id, leadId: a.lead_id, abandoned, firstReport: first };
  });
}
