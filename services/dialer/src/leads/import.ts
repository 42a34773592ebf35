import crypto from 'node:crypto';
import type { Pool } from '@voicebot/common';
import { isValidTimeZone } from '../compliance/local-time.ts';
import { normalisePhone } from '../phone.ts';
import { CsvParser } from './csv.ts';

export interface RowError {
  /** 1-based data row (the header is row 0). */
  row: number;
  reason: string;
}

export interface ImportResult {
  imported: number;
  duplicates: number;
  errors: RowError[];
}

interface LeadInput {
  phone: string;
  name: string;
  timezone: string;
  consent: boolean;
  attributes: Record<string, string>;
}

const KNOWN = new Set(['phone', 'name', 'timezone', 'consent']);
const TRUE = new Set(['1', 'true', 'yes', 'y']);
const FALSE = new Set(['', '0', 'false', 'no', 'n']);
const BATCH = 5000;
/** Row errors kept in the reply; the count beyond is summarised in the last entry. */
const MAX_ERRORS = 1000;

/** Merge a duplicate row into the first one: later non-empty values win, consent is sticky. */
function merge(into: LeadInput, from: LeadInput): void {
  if (from.name) into.name = from.name;
  if (from.timezone) into.timezone = from.timezone;
  into.consent ||= from.consent;
  Object.assign(into.attributes, from.attributes);
}

/**
 * Stream CSV chunks into a campaign's leads: numbers normalised to E.164, duplicates merged
 * (in the file and with leads already stored), bad rows reported by row number while good rows
 * import, inserts batched.
 */
export async function importLeads(
  pool: Pool,
  campaignId: string,
  defaultRegion: string,
  chunks: Iterable<string> | AsyncIterable<string>,
  nowMs: number,
): Promise<ImportResult> {
  const parser = new CsvParser();
  const result: ImportResult = { imported: 0, duplicates: 0, errors: [] };
  let header: string[] | null = null;
  let phoneCol = -1;
  let rowNo = 0;
  let errorCount = 0;
  let batch = new Map<string, LeadInput>();
  const fail = (row: number, reason: string): void => {
    errorCount++;
    if (result.errors.length < MAX_ERRORS) result.errors.push({ row, reason });
  };
  // One batch insert runs while the next batch is parsed: parsing numbers and writing rows overlap.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    if (batch.size === 0) return;
    const rows = [...batch.values()];
    batch = new Map();
    await inFlight;
    inFlight = insertBatch(pool, campaignId, rows, nowMs).then((inserted) => {
      result.imported += inserted;
      result.duplicates += rows.length - inserted;
    });
    // A failed insert must surface even if no later batch awaits it.
    inFlight.catch(() => undefined);
  };
  const handle = async (records: string[][]): Promise<void> => {
    for (const rec of records) {
      if (!header) {
        header = rec.map((h) => h.trim().toLowerCase());
        phoneCol = header.indexOf('phone');
        if (phoneCol < 0) throw new Error('CSV header (row 0) has no "phone" column');
        continue;
      }
      rowNo++;
      if (rec.length === 1 && rec[0]!.trim() === '') continue;
      if (rec.length > header.length) {
        fail(rowNo, `${rec.length} fields but the header has ${header.length}`);
        continue;
      }
      const lead = parseRow(header, rec, defaultRegion);
      if (typeof lead === 'string') {
        fail(rowNo, lead);
        continue;
      }
      const seen = batch.get(lead.phone);
      if (seen) {
        merge(seen, lead);
        result.duplicates++;
        continue;
      }
      batch.set(lead.phone, lead);
      if (batch.size >= BATCH) await flush();
    }
  };
  for await (const chunk of chunks) await handle(parser.push(chunk));
  await handle(parser.end());
  if (!header) throw new Error('CSV is empty: a header row with a "phone" column is required');
  await flush();
  await inFlight;
  if (errorCount > result.errors.length) result.errors.push({ row: 0, reason: `${errorCount - result.errors.length} more bad rows not listed` });
  return result;
}

function parseRow(header: string[], rec: string[], region: string): LeadInput | string {
  const get = (col: string): string => {
    const i = header.indexOf(col);
    return i < 0 ? '' : (rec[i] ?? '').trim();
  };
  const phone = normalisePhone(get('phone'), region);
  if (!phone.ok) return `phone ${JSON.stringify(get('phone'))}: ${phone.reason}`;
  const timezone = get('timezone');
  if (timezone && !isValidTimeZone(timezone)) return `timezone ${JSON.stringify(timezone)} is not an IANA zone`;
  const consentRaw = get('consent').toLowerCase();
  if (!TRUE.has(consentRaw) && !FALSE.has(consentRaw)) return `consent ${JSON.stringify(consentRaw)} is not true/false`;
  const attributes: Record<string, string> = {};
  header.forEach((col, i) => {
    if (!KNOWN.has(col) && col && rec[i] !== undefined && rec[i] !== '') attributes[col] = rec[i]!;
  });
  return { phone: phone.e164, name: get('name'), timezone, consent: TRUE.has(consentRaw), attributes };
}

/** Insert or merge one batch; returns how many rows were new. */
async function insertBatch(pool: Pool, campaignId: string, rows: LeadInput[], nowMs: number): Promise<number> {
  const res = await pool.query(
    `INSERT INTO dialer_leads (id, campaign_id, phone, name, timezone, consent, attributes, created_ms, updated_ms)
     SELECT id, $1, phone, name, tz, consent, attrs::jsonb, $2, $2
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[]) AS t(id, phone, name, tz, consent, attrs)
     ON CONFLICT (campaign_id, phone) DO UPDATE SET
       name = CASE WHEN EXCLUDED.name <> '' THEN EXCLUDED.name ELSE dialer_leads.name END,
       timezone = CASE WHEN EXCLUDED.timezone <> '' THEN EXCLUDED.timezone ELSE dialer_leads.timezone END,
       consent = dialer_leads.consent OR EXCLUDED.consent,
       attributes = dialer_leads.attributes || EXCLUDED.attributes,
       updated_ms = EXCLUDED.updated_ms
     RETURNING (xmax = 0) AS inserted`,
    [
      campaignId,
      nowMs,
      rows.map(() => crypto.randomUUID()),
      rows.map((r) => r.phone),
      rows.map((r) => r.name),
      rows.map((r) => r.timezone),
      rows.map((r) => r.consent),
      rows.map((r) => JSON.stringify(r.attributes)),
    ],
  );
  return res.rows.filter((r) => r.inserted).length;
}
