import type { Pool } from '@voicebot/common';

/**
 * Take or renew a named lease for `ttlMs`. Returns true when `owner` holds it afterwards.
 * A lease row rather than an advisory lock: PGlite serves every connection from one session,
 * where advisory locks cannot exclude anyone.
 */
export async function acquireLease(pool: Pool, name: string, owner: string, nowMs: number, ttlMs: number): Promise<boolean> {
  const res = await pool.query(
    `INSERT INTO dialer_leases (name, owner, expires_ms) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_ms = EXCLUDED.expires_ms
       WHERE dialer_leases.owner = EXCLUDED.owner OR dialer_leases.expires_ms <= $4
     RETURNING owner`,
    [name, owner, nowMs + ttlMs, nowMs],
  );
  return res.rowCount === 1;
}

export async function releaseLease(pool: Pool, name: string, owner: string): Promise<void> {
  await pool.query('DELETE FROM dialer_leases WHERE name = $1 AND owner = $2', [name, owner]);
}
