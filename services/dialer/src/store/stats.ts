import type { Pool } from '@voicebot/common';

export interface CampaignCounts {
  leadsTotal: number;
  leadsPending: number;
  leadsDialing: number;
  leadsDone: number;
  leadsBlocked: number;
  live: Record<string, number>;
  outcomes: Record<string, number>;
  grades: Record<string, number>;
  optOuts: number;
  blocks: Record<string, number>;
  attempts: number;
}

export async function campaignCounts(pool: Pool, campaignId: string): Promise<CampaignCounts> {
  const leads = await pool.query('SELECT state, count(*)::int AS n FROM dialer_leads WHERE campaign_id = $1 GROUP BY state', [campaignId]);
  const byState = Object.fromEntries(leads.rows.map((r) => [r.state, r.n])) as Record<string, number>;
  const attempts = await pool.query(
    `SELECT state, outcome, count(*)::int AS n, count(*) FILTER (WHERE opted_out)::int AS opt_outs
     FROM dialer_attempts WHERE campaign_id = $1 GROUP BY state, outcome`,
    [campaignId],
  );
  const live: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  let total = 0;
  let optOuts = 0;
  for (const r of attempts.rows) {
    total += r.n;
    optOuts += r.opt_outs;
    if (r.state === 'ended') outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + r.n;
    else live[r.state] = (live[r.state] ?? 0) + r.n;
  }
  const grades = await pool.query(`SELECT grade, count(*)::int AS n FROM dialer_attempts WHERE campaign_id = $1 AND grade <> '' GROUP BY grade`, [campaignId]);
  const blocks = await pool.query('SELECT reason, count(*)::int AS n FROM dialer_blocks WHERE campaign_id = $1 GROUP BY reason', [campaignId]);
  return {
    leadsTotal: Object.values(byState).reduce((a, b) => a + b, 0),
    leadsPending: byState.pending ?? 0,
    leadsDialing: byState.dialing ?? 0,
    leadsDone: byState.done ?? 0,
    leadsBlocked: byState.blocked ?? 0,
    live,
    outcomes,
    grades: Object.fromEntries(grades.rows.map((r) => [r.grade, r.n])),
    optOuts,
    blocks: Object.fromEntries(blocks.rows.map((r) => [r.reason, r.n])),
    attempts: total,
  };
}

/** Live answers and abandons of a campaign since `sinceMs` (the rolling window of its abandon rule). */
export async function abandonWindow(pool: Pool, campaignId: string, sinceMs: number): Promise<{ live: number; abandoned: number }> {
  const res = await pool.query(
    `SELECT count(*) FILTER (WHERE outcome IN ('answered', 'abandoned'))::int AS live,
            count(*) FILTER (WHERE outcome = 'abandoned')::int AS abandoned
     FROM dialer_attempts WHERE campaign_id = $1 AND state = 'ended' AND ended_ms >= $2`,
    [campaignId, sinceMs],
  );
  return { live: res.rows[0].live, abandoned: res.rows[0].abandoned };
}

/** True when no lead can be dialed again and no attempt is live. */
export async function campaignFinished(pool: Pool, campaignId: string): Promise<boolean> {
  const res = await pool.query(
    `SELECT (SELECT count(*) FROM dialer_leads WHERE campaign_id = $1 AND state IN ('pending', 'dialing'))::int AS open,
            (SELECT count(*) FROM dialer_attempts WHERE campaign_id = $1 AND state <> 'ended')::int AS live,
            (SELECT count(*) FROM dialer_leads WHERE campaign_id = $1)::int AS total`,
    [campaignId],
  );
  const r = res.rows[0];
  return r.total > 0 && r.open === 0 && r.live === 0;
}

export interface DialSample {
  human: boolean;
  ringS: number;
  talkS: number | null;
  endedMs: number;
}

/** The campaign's latest ended dials, oldest first, for the pacing estimators. */
export async function recentDials(pool: Pool, campaignId: string, limit: number): Promise<DialSample[]> {
  const res = await pool.query(
    `SELECT outcome, created_ms, answered_ms, ended_ms FROM dialer_attempts
     WHERE campaign_id = $1 AND state = 'ended' AND outcome <> 'unknown' ORDER BY ended_ms DESC LIMIT $2`,
    [campaignId, limit],
  );
  return res.rows.reverse().map((r) => {
    const created = Number(r.created_ms);
    const answered = r.answered_ms === null ? null : Number(r.answered_ms);
    const ended = Number(r.ended_ms);
    const human = r.outcome === 'answered' || r.outcome === 'abandoned';
    return {
      human,
      ringS: ((answered ?? ended) - created) / 1000,
      talkS: human && answered !== null ? (ended - answered) / 1000 : null,
      endedMs: ended,
    };
  });
}
