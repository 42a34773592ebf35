import crypto from 'node:crypto';
import { withTransaction, type Pool } from '@voicebot/common';
import type { ConsentRecord } from '../engine/conversation.ts';
import type { CallRecordData } from '../session/call-record.ts';

export interface StoredScript {
  scriptId: string;
  version: number;
  source: string;
  sha256: string;
  title: string;
  language: string;
  createdAtMs: number;
}

export interface OutboxRow {
  id: number;
  kind: 'dnc' | 'outcome';
  callId: string;
  payload: Record<string, unknown>;
  attempts: number;
}

export interface CallQuery {
  campaignId?: string;
  grade?: string;
  fromMs?: number;
  toMs?: number;
  limit?: number;
  pageToken?: string;
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

interface ScriptRow {
  script_id: string;
  version: number;
  source: string;
  sha256: string;
  title: string;
  language: string;
  created_at_ms: string;
}

const toScript = (r: ScriptRow): StoredScript => ({
  scriptId: r.script_id,
  version: r.version,
  source: r.source,
  sha256: r.sha256,
  title: r.title,
  language: r.language,
  createdAtMs: Number(r.created_at_ms),
});

/** SQL for the dialogue service; the same statements run on PostgreSQL and PGlite. */
export class DialogueStore {
  constructor(private readonly pool: Pool) {}

  /** Store a new version (max + 1) and return it; the advisory lock serialises concurrent uploads. */
  async addScriptVersion(s: { scriptId: string; source: string; title: string; language: string }, nowMs: number): Promise<StoredScript> {
    return withTransaction(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(7261002)');
      const max = await c.query<{ v: number | null }>('SELECT max(version) AS v FROM dialogue_scripts WHERE script_id = $1', [s.scriptId]);
      const version = (max.rows[0]?.v ?? 0) + 1;
      const r = await c.query<ScriptRow>(
        `INSERT INTO dialogue_scripts (script_id, version, source, sha256, title, language, created_at_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [s.scriptId, version, s.source, sha256(s.source), s.title, s.language, nowMs],
      );
      return toScript(r.rows[0]!);
    });
  }

  async getScript(scriptId: string, version = 0): Promise<StoredScript | undefined> {
    const r =
      version > 0
        ? await this.pool.query<ScriptRow>('SELECT * FROM dialogue_scripts WHERE script_id = $1 AND version = $2', [scriptId, version])
        : await this.pool.query<ScriptRow>('SELECT * FROM dialogue_scripts WHERE script_id = $1 ORDER BY version DESC LIMIT 1', [scriptId]);
    return r.rows[0] ? toScript(r.rows[0]) : undefined;
  }

  async latestVersion(scriptId: string): Promise<number> {
    const r = await this.pool.query<{ v: number | null }>('SELECT max(version) AS v FROM dialogue_scripts WHERE script_id = $1', [scriptId]);
    return r.rows[0]?.v ?? 0;
  }

  async listLatestScripts(): Promise<StoredScript[]> {
    const r = await this.pool.query<ScriptRow>(
      `SELECT DISTINCT ON (script_id) * FROM dialogue_scripts ORDER BY script_id, version DESC`,
    );
    return r.rows.map(toScript);
  }

  async saveCall(rec: CallRecordData): Promise<void> {
    await upsertCall(this.pool, rec);
  }

  /** Final record and the dialer outcome message, atomically: the outcome is never lost once the record is. */
  async finishCall(rec: CallRecordData, outcome: Record<string, unknown>, nowMs: number): Promise<void> {
    await withTransaction(this.pool, async (c) => {
      await upsertCall(c, rec);
      await c.query(
        `INSERT INTO dialogue_outbox (kind, call_id, payload, next_attempt_ms, created_at_ms) VALUES ('outcome', $1, $2, $3, $3)
         ON CONFLICT (kind, call_id) DO NOTHING`,
        [rec.callId, JSON.stringify(outcome), nowMs],
      );
    });
  }

  async getCall(callId: string): Promise<CallRecordData | undefined> {
    const r = await this.pool.query<{ record: CallRecordData }>('SELECT record FROM dialogue_calls WHERE call_id = $1', [callId]);
    return r.rows[0]?.record;
  }

  /** Newest first, keyset-paged on (started_at_ms, call_id). */
  async listCalls(q: CallQuery): Promise<{ records: CallRecordData[]; nextPageToken: string }> {
    const limit = Math.min(Math.max(q.limit || 100, 1), 1000);
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown): string => {
      args.push(v);
      return `$${args.length}`;
    };
    if (q.campaignId) where.push(`campaign_id = ${arg(q.campaignId)}`);
    if (q.grade) where.push(`grade = ${arg(q.grade)}`);
    if (q.fromMs) where.push(`started_at_ms >= ${arg(q.fromMs)}`);
    if (q.toMs) where.push(`started_at_ms < ${arg(q.toMs)}`);
    if (q.pageToken) {
      const [ms, id] = decodeToken(q.pageToken);
      where.push(`(started_at_ms, call_id) < (${arg(ms)}, ${arg(id)})`);
    }
    const sql = `SELECT record, started_at_ms, call_id FROM dialogue_calls ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY started_at_ms DESC, call_id DESC LIMIT ${limit + 1}`;
    const r = await this.pool.query<{ record: CallRecordData; started_at_ms: string; call_id: string }>(sql, args);
    const rows = r.rows.slice(0, limit);
    const last = rows[rows.length - 1];
    const nextPageToken = r.rows.length > limit && last ? encodeToken(Number(last.started_at_ms), last.call_id) : '';
    return { records: rows.map((x) => x.record), nextPageToken };
  }

  async addConsent(rec: CallRecordData, consent: ConsentRecord, nowMs: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO dialogue_consents (call_id, campaign_id, lead_id, script_id, script_version, node_id, utterance, start_ms, end_ms, recorded_at_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [rec.callId, rec.campaignId, rec.leadId, rec.scriptId, rec.scriptVersion, consent.nodeId, consent.utterance, consent.startMs, consent.endMs, nowMs],
    );
  }

  /** Opt-out evidence and the do-not-call message for the dialer, atomically. */
  async addOptOut(rec: CallRecordData, evidence: string, dnc: Record<string, unknown>, nowMs: number): Promise<void> {
    await withTransaction(this.pool, async (c) => {
      await c.query(
        `INSERT INTO dialogue_opt_outs (call_id, campaign_id, lead_id, evidence, recorded_at_ms) VALUES ($1, $2, $3, $4, $5)`,
        [rec.callId, rec.campaignId, rec.leadId, evidence, nowMs],
      );
      await c.query(
        `INSERT INTO dialogue_outbox (kind, call_id, payload, next_attempt_ms, created_at_ms) VALUES ('dnc', $1, $2, $3, $3)
         ON CONFLICT (kind, call_id) DO NOTHING`,
        [rec.callId, JSON.stringify(dnc), nowMs],
      );
    });
  }

  async dueOutbox(nowMs: number, limit = 50): Promise<OutboxRow[]> {
    const r = await this.pool.query<{ id: string; kind: 'dnc' | 'outcome'; call_id: string; payload: Record<string, unknown>; attempts: number }>(
      `SELECT id, kind, call_id, payload, attempts FROM dialogue_outbox
       WHERE delivered_at_ms IS NULL AND rejected_at_ms IS NULL AND next_attempt_ms <= $1 ORDER BY kind = 'dnc' DESC, id LIMIT $2`,
      [nowMs, limit],
    );
    return r.rows.map((x) => ({ id: Number(x.id), kind: x.kind, callId: x.call_id, payload: x.payload, attempts: x.attempts }));
  }

  async markDelivered(id: number, nowMs: number): Promise<void> {
    await this.pool.query('UPDATE dialogue_outbox SET delivered_at_ms = $2, attempts = attempts + 1 WHERE id = $1', [id, nowMs]);
  }

  async markFailed(id: number, error: string, nextAttemptMs: number): Promise<void> {
    await this.pool.query('UPDATE dialogue_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_ms = $3 WHERE id = $1', [id, error.slice(0, 500), nextAttemptMs]);
  }

  /** The dialer refused the message for good: keep the row (evidence), stop retrying. */
  async markRejected(id: number, error: string, nowMs: number): Promise<void> {
    await this.pool.query('UPDATE dialogue_outbox SET attempts = attempts + 1, last_error = $2, rejected_at_ms = $3 WHERE id = $1', [id, error.slice(0, 500), nowMs]);
  }

  async pendingOutbox(): Promise<number> {
    const r = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM dialogue_outbox WHERE delivered_at_ms IS NULL AND rejected_at_ms IS NULL');
    return Number(r.rows[0]?.n ?? 0);
  }
}

function encodeToken(ms: number, callId: string): string {
  return Buffer.from(JSON.stringify([ms, callId])).toString('base64url');
}

function decodeToken(token: string): [number, string] {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through to the error below
  }
  throw new RangeError(`invalid page_token '${token}'`);
}

/** Insert or replace a call's row: records are written at call start and rewritten as it goes. */
function upsertCall(db: { query(text: string, values: unknown[]): Promise<unknown> }, rec: CallRecordData): Promise<unknown> {
  return db.query(
    `INSERT INTO dialogue_calls (call_id, campaign_id, lead_id, script_id, script_version, grade, end_reason, started_at_ms, ended_at_ms, record)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (call_id) DO UPDATE SET grade = EXCLUDED.grade, end_reason = EXCLUDED.end_reason,
       ended_at_ms = EXCLUDED.ended_at_ms, record = EXCLUDED.record`,
    [rec.callId, rec.campaignId, rec.leadId, rec.scriptId, rec.scriptVersion, rec.grade || null, rec.endReason || null,
      rec.startedAtMs, rec.endedAtMs || null, JSON.stringify(rec)],
  );
}
