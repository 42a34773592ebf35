import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { REPO_ROOT, freePort, createTestPostgres, type TestDatabase } from '@voicebot/common';

/**
 * End to end through real sockets: `npm start -- --once --json` with a short persona file, on
 * PGlite and on PostgreSQL. Grades must follow from what the callees said, and the transcripts
 * recorded by the dialogue service must contain it.
 */
interface RunResult {
  summary: Record<string, unknown> & { grades: Record<string, number> };
  stdout: string;
  stderr: string;
}

async function runPlatform(extraEnv: NodeJS.ProcessEnv): Promise<RunResult> {
  const ports: Record<string, number> = {};
  for (const name of ['DIALOGUE_GRPC', 'DIALOGUE_HTTP', 'DIALER_GRPC', 'DIALER_HTTP', 'MEDIA_GRPC', 'MEDIA_HTTP', 'MEDIA_WS', 'MEDIA_AUDIOSOCKET', 'SIMULATOR_HTTP', 'PGLITE']) {
    ports[`VOICEBOT_${name}_PORT`] = await freePort();
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    VOICEBOT_MEDIA_WORKERS: '1',
    ...extraEnv,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/platform/src/main.ts', '--once', '--json', '--personas', 'test/e2e/personas-short.yaml'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const last = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0) throw new Error(`platform exited ${code}\nstdout:\n${stdout}\nstderr:\n${stderr.slice(-4000)}`);
  return { summary: JSON.parse(last), stdout, stderr };
}

async function transcriptsByGrade(url: string): Promise<Map<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ grade: string; record: { turns?: { transcript?: string }[] } }>('SELECT grade, record FROM dialogue_calls');
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const said = (r.record.turns ?? []).map((t) => t.transcript ?? '').filter(Boolean).join(' ');
      // Stored as the letter; keyed the same way here.
      out.set(r.grade, [...(out.get(r.grade) ?? []), said]);
    }
    return out;
  } finally {
    await client.end();
  }
}

function expectShortCampaign({ summary, stderr }: RunResult): void {
  // On failure, the call table (who said what, which path) says why.
  const calls = stderr.slice(stderr.indexOf('Calls'));
  expect(summary.errors).toBe(0);
  expect(summary.calls).toBe(5);
  expect(summary.answered).toBe(4);
  expect(summary.grades, calls).toEqual({ A: 0, B: 1, C: 0, D: 2, E: 0, F: 1 });
  expect(summary.optOuts).toBe(1);
  expect(summary.bargeIns, calls).toBeGreaterThanOrEqual(1);
}

describe('demo campaign end to end (npm start -- --once --json)', () => {
  let dataDir: string;
  let pgDb: TestDatabase;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voicebot-e2e-'));
    pgDb = await createTestPostgres();
  });
  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await pgDb?.drop();
  });

  it('on embedded PGlite: every callee graded by what they said', async () => {
    expectShortCampaign(await runPlatform({ VOICEBOT_DATA_DIR: dataDir }));
  }, 240_000);

  it('on PostgreSQL: same grades, and the records hold the callees\' words', async () => {
    expectShortCampaign(await runPlatform({ VOICEBOT_DATA_DIR: dataDir, VOICEBOT_DATABASE_URL: pgDb.url }));
    const byGrade = await transcriptsByGrade(pgDb.url);
    expect(byGrade.get('F')?.join(' ')).toContain('别再打了');
    expect(byGrade.get('B')?.join(' ')).toMatch(/可以|有需要/);
    expect(byGrade.get('D')?.join(' ')).toContain('不需要');
  }, 240_000);
});
