import crypto from 'node:crypto';
import type { Pool, PoolClient } from '@voicebot/common';
import { dialerError } from '../errors.ts';
import { parseCampaignSpec, type CampaignRules, type SpecInput } from '../campaign-spec.ts';
import { ms } from './rows.ts';

export type CampaignStateName = 'PAUSED' | 'RUNNING' | 'STOPPED' | 'COMPLETED';

export interface CampaignRow {
  id: string;
  rules: CampaignRules;
  state: CampaignStateName;
  createdMs: number;
}

type Queryable = Pool | PoolClient;

function toRow(r: { id: string; spec: SpecInput; state: string; created_ms: string }): CampaignRow {
  return { id: r.id, rules: parseCampaignSpec(r.spec), state: r.state as CampaignStateName, createdMs: ms(r.created_ms) };
}

export function notFound(id: string): Error {
  return dialerError('DIALER_ERR_CAMPAIGN_NOT_FOUND', `campaign ${JSON.stringify(id)} not found`);
}

export async function createCampaign(db: Queryable, id: string, rules: CampaignRules, specJson: SpecInput, nowMs: number): Promise<CampaignRow> {
  const campaignId = id || `cmp_${crypto.randomUUID()}`;
  const res = await db.query(
    `INSERT INTO dialer_campaigns (id, spec, state, created_ms, updated_ms) VALUES ($1, $2, 'PAUSED', $3, $3)
     ON CONFLICT (id) DO NOTHING RETURNING id, spec, state, created_ms`,
    [campaignId, JSON.stringify(specJson), nowMs],
  );
  if (res.rowCount === 0) throw dialerError('DIALER_ERR_CAMPAIGN_EXISTS', `campaign ${JSON.stringify(campaignId)} already exists`);
  return { id: campaignId, rules, state: 'PAUSED', createdMs: nowMs };
}

export async function getCampaign(db: Queryable, id: string): Promise<CampaignRow> {
  const res = await db.query('SELECT id, spec, state, created_ms FROM dialer_campaigns WHERE id = $1', [id]);
  if (res.rowCount === 0) throw notFound(id);
  return toRow(res.rows[0]);
}

export async function listCampaigns(db: Queryable, states: CampaignStateName[]): Promise<CampaignRow[]> {
  const res = await db.query('SELECT id, spec, state, created_ms FROM dialer_campaigns WHERE state = ANY($1) ORDER BY created_ms', [states]);
  return res.rows.map(toRow);
}

/** Move a campaign between states; `from` lists the states the move is allowed from. */
export async function setCampaignState(
  db: Queryable,
  id: string,
  to: CampaignStateName,
  from: CampaignStateName[],
  nowMs: number,
): Promise<CampaignRow> {
  const res = await db.query(
    `UPDATE dialer_campaigns SET state = $2, updated_ms = $4 WHERE id = $1 AND state = ANY($3)
     RETURNING id, spec, state, created_ms`,
    [id, to, from, nowMs],
  );
  if (res.rowCount === 0) {
    const current = await getCampaign(db, id);
    if (current.state === to) return current;
    throw dialerError('DIALER_ERR_BAD_STATE', `campaign ${id} is ${current.state}; cannot become ${to}`);
  }
  return toRow(res.rows[0]);
}
