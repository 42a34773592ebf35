import { withTransaction, type Pool } from '@voicebot/common';
import { dialerError } from '../errors.ts';
import { lockPhones } from './claims.ts';
import { ms } from './rows.ts';

export interface DncEntry {
  phone: string;
  reason: string;
  source: string;
  evidence: string;
  callId: string;
  leadId: string;
}

/**
 * Append a do-not-call record (evidence: who, when, why). A complaint about a call also puts the
 * caller id it used into quarantine, so one bad number does not burn the whole pool.
 */
export async function addDoNotCall(pool: Pool, entry: DncEntry, nowMs: number, quarantineMs: number): Promise<{ phone: string; quarantined: string | null }> {
  return withTransaction(pool, async (client) => {
    let phone = entry.phone;
    if (!phone && entry.leadId) {
      const lead = await client.query('SELECT phone FROM dialer_leads WHERE id = $1', [entry.leadId]);
      if (lead.rowCount === 0) throw dialerError('DIALER_ERR_INVALID_ARGUMENT', `AddDoNotCall.lead_id ${JSON.stringify(entry.leadId)} not found`);
      phone = lead.rows[0].phone;
    }
    if (!phone && entry.callId) {
      const attempt = await client.query('SELECT phone FROM dialer_attempts WHERE id = $1', [entry.callId]);
      if (attempt.rowCount === 0) throw dialerError('DIALER_ERR_INVALID_ARGUMENT', `AddDoNotCall.call_id ${JSON.stringify(entry.callId)} not found`);
      phone = attempt.rows[0].phone;
    }
    if (!phone) throw dialerError('DIALER_ERR_INVALID_ARGUMENT', 'AddDoNotCall needs phone, lead_id or call_id');
    await lockPhones(client, [phone]);
    await client.query(
      'INSERT INTO dialer_dnc (phone, reason, source, evidence, call_id, lead_id, created_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [phone, entry.reason, entry.source, entry.evidence, entry.callId, entry.leadId, nowMs],
    );
    let quarantined: string | null = null;
    if (entry.reason === 'complaint' && entry.callId) {
      const attempt = await client.query('SELECT caller_id FROM dialer_attempts WHERE id = $1', [entry.callId]);
      quarantined = attempt.rows[0]?.caller_id ?? null;
      if (quarantined) {
        await client.query(
          'INSERT INTO dialer_caller_id_quarantine (caller_id, reason, call_id, created_ms, until_ms) VALUES ($1, $2, $3, $4, $5)',
          [quarantined, 'complaint', entry.callId, nowMs, nowMs + quarantineMs],
        );
      }
    }
    return { phone, quarantined };
  });
}

export async function checkDoNotCall(pool: Pool, phone: string): Promise<{ reason: string; sinceMs: number } | null> {
  const res = await pool.query('SELECT reason, created_ms FROM dialer_dnc WHERE phone = $1 ORDER BY created_ms LIMIT 1', [phone]);
  if (res.rowCount === 0) return null;
  return { reason: res.rows[0].reason, sinceMs: ms(res.rows[0].created_ms) };
}
