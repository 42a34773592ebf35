import type { Pool, PoolClient } from '@voicebot/common';
import { ms } from './rows.ts';

/** Queue a webhook in the caller's transaction: it is delivered if and only if the fact commits. */
export async function enqueueWebhook(client: PoolClient, kind: string, payload: Record<string, unknown>, nowMs: number): Promise<void> {
  await client.query('INSERT INTO dialer_outbox (kind, payload, created_ms, next_try_ms) VALUES ($1, $2, $3, $3)', [kind, JSON.stringify(payload), nowMs]);
}

export interface OutboxItem {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  tries: number;
  createdMs: number;
}

export async function dueWebhooks(pool: Pool, nowMs: number, limit: number): Promise<OutboxItem[]> {
  const res = await pool.query(
    'SELECT id, kind, payload, tries, created_ms FROM dialer_outbox WHERE delivered_ms IS NULL AND next_try_ms <= $1 ORDER BY id LIMIT $2',
    [nowMs, limit],
  );
  return res.rows.map((r) => ({ id: ms(r.id), kind: r.kind, payload: r.payload, tries: r.tries, createdMs: ms(r.created_ms) }));
}

export async function markDelivered(pool: Pool, id: number, nowMs: number): Promise<void> {
  await pool.query('UPDATE dialer_outbox SET delivered_ms = $2, tries = tries + 1 WHERE id = $1', [id, nowMs]);
}

export async function markFailed(pool: Pool, id: number, nextTryMs: number, error: string): Promise<void> {
  await pool.query('UPDATE dialer_outbox SET tries = tries + 1, next_try_ms = $2, last_error = $3 WHERE id = $1', [id, nextTryMs, error.slice(0, 500)]);
}
