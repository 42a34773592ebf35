/**
 * `node --import tsx bench/dialer/bench-import.ts [--rows 100000] [--json]`: stream a generated
 * CSV (national and international spellings, 5 % duplicates, 1 % bad rows) into a campaign on
 * PGlite and on PostgreSQL (when reachable) and report rows/s. Last line: one JSON object.
 */
import pg from 'pg';
import { createTestPglite, createTestPostgres, fromRoot, runMigrations, type TestDatabase } from '@voicebot/common';
import { parseCampaignSpec, rulesToSpec } from '../../services/dialer/src/campaign-spec.ts';
import { importLeads } from '../../services/dialer/src/leads/import.ts';
import { createCampaign } from '../../services/dialer/src/store/campaigns.ts';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg >= 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
const json = process.argv.includes('--json');

/** The CSV as 64 KiB chunks, the way a file or request body arrives. */
function* csvChunks(rows: number): Generator<string> {
  let buf = 'phone,name,timezone,consent,segment\n';
  for (let i = 0; i < rows; i++) {
    const n = i % 20 === 19 ? i - 7 : i; // 5 % duplicates of earlier rows
    const digits = String(10_000_000 + n).slice(-8);
    let phone = i % 2 === 0 ? `139${digits}` : `+86 139-${digits.slice(0, 4)}-${digits.slice(4)}`;
    if (i % 100 === 50) phone = `12${digits}`; // 1 % invalid numbers
    buf += `${phone},"Lead ${i}",Asia/Shanghai,${i % 3 === 0 ? 'yes' : 'no'},seg${i % 7}\n`;
    if (buf.length > 65_536) {
      yield buf;
      buf = '';
    }
  }
  yield buf;
}

async function run(kind: string, create: () => Promise<TestDatabase>) {
  const db = await create();
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  try {
    await runMigrations(pool, 'dialer', fromRoot('services/dialer/migrations'));
    const rules = parseCampaignSpec({ name: 'import', script_id: 's', caller_ids: ['+861085550100'], windows: [{ start_minute: 0, end_minute: 1440 }] });
    await createCampaign(pool, 'import', rules, rulesToSpec(rules), Date.now());
    const t0 = performance.now();
    const res = await importLeads(pool, 'import', 'CN', csvChunks(ROWS), Date.now());
    const seconds = (performance.now() - t0) / 1000;
    return { kind, rows: ROWS, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(ROWS / seconds), imported: res.imported, duplicates: res.duplicates, badRows: res.errors.length };
  } finally {
    await pool.end();
    await db.drop();
  }
}

const results = [await run('pglite', createTestPglite)];
try {
  results.push(await run('postgres', createTestPostgres));
} catch (err) {
  if (!json) console.log(`PostgreSQL skipped: ${(err as Error).message}`);
}
if (!json) for (const r of results) console.log(`${r.kind}: ${r.rows} rows in ${r.seconds} s (${r.rowsPerSecond}/s), imported ${r.imported}, merged ${r.duplicates}, bad ${r.badRows}`);
console.log(JSON.stringify(Object.fromEntries(results.map((r) => [r.kind, r]))));
