/**
 * `npm run chaos:dialer -- --kills 10 [--store pglite|postgres|both] [--leads 300] [--json]`:
 * runs a campaign against a local fake carrier while killing the dialer process with SIGKILL at
 * random moments and restarting it, adds do-not-call entries mid-run, then audits the database
 * and the carrier's log. Last line of stdout:
 * {"kills":N,"doubleDials":0,"lostLeads":0,"dncViolations":0,"hourViolations":0}
 * (summed over the stores run; per-store lines come first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import {
  CLIENT_OPTIONS,
  createTestPglite,
  createTestPostgres,
  freePort,
  fromRoot,
  grpc,
  unary,
  voicebotService,
  type TestDatabase,
} from '@voicebot/common';
import type { CampaignStats__Output } from '@voicebot/common/generated/voicebot/v1/CampaignStats';
import { parseCampaignSpec } from '../../services/dialer/src/campaign-spec.ts';
import { checkCallingHours } from '../../services/dialer/src/compliance/calling-hours.ts';
import { zonesForLead } from '../../services/dialer/src/compliance/compliance.ts';
import { FakeTwilio, type CallPlan } from '../../services/dialer/src/testing/fake-twilio.ts';
import { rng } from './sim.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}
const KILLS = Number(arg('kills', '10'));
const LEADS = Number(arg('leads', '300'));
const STORE = arg('store', 'both');
const json = process.argv.includes('--json');
const say = (msg: string) => {
  if (!json) console.log(msg);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Zones spread around the globe so that at any hour some leads are inside the window and some outside. */
const ZONES = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Honolulu'];

const SPEC = {
  name: 'chaos',
  script_id: 'loan-zh',
  caller_ids: ['+861085550100', '+861085550101', '+861085550102'],
  windows: [{ weekdays: [], start_minute: 9 * 60, end_minute: 20 * 60 }],
  timezone_policy: 'lead',
  retry: { max_attempts: 2, no_answer_retry_s: 1, busy_retry_s: 1, machine_retry_s: 1 },
  max_calls_per_number: 2,
  frequency_window_hours: 24,
  consent_mode: 'none',
  abandon_rule: { kind: 'fcc_30d', threshold: 0.03 },
  max_concurrent_calls: 20,
  max_calls_per_second: 30,
  carrier: 'simulator',
  default_region: 'CN',
};

interface Audit {
  kills: number;
  doubleDials: number;
  lostLeads: number;
  dncViolations: number;
  hourViolations: number;
}

async function runOnStore(kind: 'pglite' | 'postgres', seed: number): Promise<Audit & { attempts: number; originates: number; seconds: number }> {
  const started = Date.now();
  const random = rng(seed);
  const db: TestDatabase = kind === 'pglite' ? await createTestPglite() : await createTestPostgres();
  const plan = (): CallPlan => {
    const u = random();
    if (u < 0.15) return { result: 'busy', ringMs: 100 + 300 * random() };
    if (u < 0.3) return { result: 'no-answer', ringMs: 800 + 800 * random() };
    if (u < 0.35) return { result: 'failed', ringMs: 50 };
    return { result: 'answer', ringMs: 200 + 1200 * random(), talkMs: 300 + 2500 * random(), answeredBy: u < 0.42 ? 'machine_start' : 'human' };
  };
  const carrier = new FakeTwilio({ accountSid: 'ACdemo', authToken: 'demo-auth-token', plan, callbackRetryMs: 300, callbackGiveUpMs: 120_000 });
  await carrier.start();
  const grpcPort = await freePort();
  const httpPort = await freePort();
  const env = {
    ...process.env,
    VOICEBOT_DATABASE_URL: db.url,
    VOICEBOT_LOG_LEVEL: 'error',
    VOICEBOT_DIALER_GRPC_PORT: String(grpcPort),
    VOICEBOT_DIALER_HTTP_PORT: String(httpPort),
    VOICEBOT_DIALER_PUBLIC_URL: `http://127.0.0.1:${httpPort}`,
    VOICEBOT_DIALER_CARRIER_URL: carrier.url,
    VOICEBOT_DIALER_TICK_MS: '50',
    VOICEBOT_DIALER_RECONCILE_EVERY_MS: '500',
    VOICEBOT_DIALER_RING_TIMEOUT_S: '5',
    VOICEBOT_DIALER_RECONCILE_GRACE_S: '5',
    VOICEBOT_DIALER_FALLBACK_SLOTS: '20',
    VOICEBOT_DIALER_LEASE_TTL_MS: '1500',
    VOICEBOT_DIALER_DRAIN_MS: '2000',
  };
  const Ctor = voicebotService('DialerService');
  const client = new Ctor(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
  const call = <T>(method: string, req: unknown) => unary<unknown, T>(client, method, req, 10_000);
  const retry = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    for (let i = 0; ; i++) {
      try {
        return await fn();
      } catch (err) {
        if (i > 200) throw new Error(`${what}: ${(err as Error).message}`);
        await sleep(250);
      }
    }
  };

  let child: ChildProcess | null = null;
  const startDialer = async (): Promise<void> => {
    child = spawn(process.execPath, ['--import', 'tsx', fromRoot('services/dialer/src/main.ts')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    await retry('dialer ready', async () => {
      const res = await fetch(`http://127.0.0.1:${httpPort}/readyz`);
      if (res.status !== 200) throw new Error(`readyz ${res.status}`);
    });
  };
  const killDialer = async (): Promise<void> => {
    const c = child!;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };

  await startDialer();
  await call('CreateCampaign', { campaign_id: 'chaos', spec: SPEC });
  const rows = ['phone,name,timezone'];
  for (let i = 0; i < LEADS; i++) rows.push(`+86139${String(10_000_000 + i).slice(-8)},lead ${i},${ZONES[i % ZONES.length]}`);
  const imported = await call<{ imported: number }>('ImportLeads', { campaign_id: 'chaos', csv: rows.join('\n') });
  // A do-not-call list imported before the start, and opt-outs arriving while dialing.
  const dncPhones = Array.from({ length: 10 }, (_, i) => `+86139${String(10_000_000 + i * 29 + 3).slice(-8)}`);
  for (const phone of dncPhones.slice(0, 5)) await call('AddDoNotCall', { phone, reason: 'import', source: 'chaos-list' });
  await call('StartCampaign', { campaign_id: 'chaos' });
  say(`[${kind}] ${imported.imported} leads, dialing; ${KILLS} kills ahead`);

  let lateDnc = 5;
  for (let k = 0; k < KILLS; k++) {
    await sleep(300 + 2500 * random());
    if (lateDnc < dncPhones.length) {
      const phone = dncPhones[lateDnc++]!;
      await retry('AddDoNotCall', () => call('AddDoNotCall', { phone, reason: 'opt_out', source: 'chaos-dialogue', evidence: '别再打了' }));
    }
    await killDialer();
    say(`[${kind}] kill ${k + 1}/${KILLS} after ${carrier.originates.length} originates`);
    await sleep(200 * random());
    await startDialer();
  }
  // Let the campaign settle: nothing live, nothing due, the carrier idle.
  const settleUntil = Date.now() + 180_000;
  let stable = 0;
  let lastAttempts = -1;
  while (Date.now() < settleUntil) {
    await sleep(1000);
    const s = await retry('stats', () => call<CampaignStats__Output>('GetCampaignStats', { campaign_id: 'chaos' }));
    const live = s.dialing + s.ringing + s.in_call;
    stable = live === 0 && carrier.liveCalls().length === 0 && s.attempts === lastAttempts ? stable + 1 : 0;
    lastAttempts = s.attempts;
    if (stable >= 4) break;
    if (Date.now() >= settleUntil) say(`[${kind}] did not settle: ${live} live attempts, carrier calls ${JSON.stringify(carrier.liveCalls())}`);
  }
  const stopped = new Promise((r) => child!.once('exit', r));
  child!.kill('SIGTERM');
  await stopped;
  client.close();
  await carrier.stop();

  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  try {
    const audit = await auditDatabase(pool, carrier);
    return { kills: KILLS, ...audit, seconds: Math.round((Date.now() - started) / 1000) };
  } finally {
    await pool.end();
    await db.drop();
  }
}

async function auditDatabase(pool: pg.Pool, carrier: FakeTwilio): Promise<Omit<Audit, 'kills'> & { attempts: number; originates: number }> {
  const rules = parseCampaignSpec(SPEC);
  const attempts = (await pool.query('SELECT id, lead_id, phone, created_ms, state FROM dialer_attempts')).rows;
  const byId = new Map(attempts.map((a) => [a.id as string, a]));
  const leads = (await pool.query('SELECT id, phone, timezone, state, attempts, next_attempt_ms FROM dialer_leads')).rows;
  const leadById = new Map(leads.map((l) => [l.id as string, l]));

  // Double dials: one attempt originated twice, a carrier call with no attempt record, more calls
  // to a lead than its attempts allow, or two calls to one number at once.
  let doubleDials = 0;
  const perCallId = new Map<string, number>();
  for (const o of carrier.originates) perCallId.set(o.callId, (perCallId.get(o.callId) ?? 0) + 1);
  for (const [callId, n] of perCallId) {
    if (n > 1) doubleDials += n - 1;
    if (!byId.has(callId)) doubleDials++;
  }
  const callsPerLead = new Map<string, number>();
  for (const o of carrier.originates) {
    const a = byId.get(o.callId);
    if (a) callsPerLead.set(a.lead_id, (callsPerLead.get(a.lead_id) ?? 0) + 1);
  }
  for (const n of callsPerLead.values()) if (n > rules.retry.maxAttempts) doubleDials += n - rules.retry.maxAttempts;
  const byPhone = new Map<string, { start: number; end: number }[]>();
  const endOf = new Map<string, number>();
  for (const a of (await pool.query('SELECT id, created_ms, ended_ms FROM dialer_attempts')).rows) endOf.set(a.id, Number(a.ended_ms ?? Number.MAX_SAFE_INTEGER));
  for (const o of carrier.originates) {
    const list = byPhone.get(o.to) ?? [];
    list.push({ start: o.atMs, end: endOf.get(o.callId) ?? Number.MAX_SAFE_INTEGER });
    byPhone.set(o.to, list);
  }
  for (const list of byPhone.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) if (list[i]!.start < list[i - 1]!.end) doubleDials++;
  }

  // Lost leads: not final and not waiting for a recorded reason; or stuck "dialing" with no live attempt; or attempts never settled.
  const now = Date.now();
  const deferred = new Set((await pool.query(`SELECT DISTINCT lead_id FROM dialer_blocks WHERE final = false`)).rows.map((r) => r.lead_id as string));
  let lostLeads = 0;
  for (const l of leads) {
    if (l.state === 'done' || l.state === 'blocked') continue;
    if (l.state === 'pending' && Number(l.next_attempt_ms) > now && deferred.has(l.id)) continue;
    lostLeads++;
  }
  lostLeads += attempts.filter((a) => a.state !== 'ended').length;

  // Do-not-call: no attempt created after the number was listed.
  const dnc = (await pool.query('SELECT phone, min(created_ms) AS since FROM dialer_dnc GROUP BY phone')).rows;
  const dncSince = new Map(dnc.map((d) => [d.phone as string, Number(d.since)]));
  const dncViolations = attempts.filter((a) => dncSince.has(a.phone) && Number(a.created_ms) >= dncSince.get(a.phone)!).length;

  // Calling hours: every attempt inside the window in the lead's local time.
  let hourViolations = 0;
  for (const a of attempts) {
    const l = leadById.get(a.lead_id)!;
    const zones = zonesForLead(rules, { timezone: l.timezone, phone: l.phone });
    if (!checkCallingHours(Number(a.created_ms), zones, rules.windows, rules.holidays).ok) hourViolations++;
  }
  return { doubleDials, lostLeads, dncViolations, hourViolations, attempts: attempts.length, originates: carrier.originates.length };
}

const stores = STORE === 'both' ? (['postgres', 'pglite'] as const) : ([STORE] as ('pglite' | 'postgres')[]);
const total: Audit = { kills: KILLS, doubleDials: 0, lostLeads: 0, dncViolations: 0, hourViolations: 0 };
for (const [i, kind] of stores.entries()) {
  const r = await runOnStore(kind, 7919 + i);
  say(`[${kind}] ${JSON.stringify(r)}`);
  total.doubleDials += r.doubleDials;
  total.lostLeads += r.lostLeads;
  total.dncViolations += r.dncViolations;
  total.hourViolations += r.hourViolations;
}
console.log(JSON.stringify(total));
process.exit(0);
