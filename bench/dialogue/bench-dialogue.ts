/**
 * `npm run bench:dialogue -- [--json] [--rate 2000] [--calls 50] [--seconds 10]`
 *
 * Starts the dialogue service as its own process (real PostgreSQL when reachable, else embedded
 * PGlite), drives `--calls` concurrent simulated calls through `CallSessionService.Converse` at a
 * fixed total decision rate, and measures decision latency as media sees it: final transcript
 * sent → first command answering it received. Also measures the in-process decision cost (the
 * baseline: the same decisions without gRPC) and the service's CPU use from /proc.
 * Last line (only line with --json): {"rate":r,"decisionP50Ms":x,"decisionP99Ms":x,"cpuPct":x,...}
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createTestPostgres, freePort, fromRoot, type TestDatabase } from '@voicebot/common';
import type { DialogueCommand__Output } from '@voicebot/common/generated/voicebot/v1/DialogueCommand';
import { Conversation } from '../../services/dialogue/src/engine/conversation.ts';
import { loadScript } from '../../services/dialogue/src/script/load.ts';
import { MediaPeer } from '../../services/dialogue/src/testing/media-peer.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

const JSON_ONLY = process.argv.includes('--json');
const RATE = arg('rate', 2000);
const CALLS = arg('calls', 60);
const SECONDS = arg('seconds', 10);
const WARMUP_S = 2;
const say = (msg: string): void => {
  if (!JSON_ONLY) console.error(msg);
};

/** Replies that keep a call going (knowledge-base questions re-ask the node), ended every CALL_LENGTH decisions. */
const KEEP_TALKING = ['利息多少', '你是谁', '额度多少', '安全吗', '号码哪来的', '嗯', '收费吗'];
const CALL_LENGTH = 40;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

/** utime + stime of a process in seconds (Linux /proc; clock ticks are 1/100 s on Linux). */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function inProcessDecisionCost(): { p50Ms: number; p99Ms: number; decisions: number } {
  const { compiled } = loadScript(fs.readFileSync(fromRoot('services/dialogue/scripts/loan-zh.yaml'), 'utf8'), 1);
  const replies = ['你是谁', '可以', '利息多少', '不需要', '好的', '嗯', '我想借五万', '装修', '有需要', '可以的'];
  const samples: number[] = [];
  for (let round = 0; round < 3000; round++) {
    const c = new Conversation(compiled);
    c.begin();
    for (const r of replies) {
      if (c.ended) break;
      const t0 = performance.now();
      c.reply({ text: r, confidence: 0.9, startMs: 0, endMs: 0 });
      samples.push(performance.now() - t0);
    }
  }
  const sorted = samples.slice(samples.length / 3).sort((a, b) => a - b); // first third is JIT warm-up
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), decisions: sorted.length };
}

interface ServerSample {
  buckets: Map<number, number>;
  eventLoopLagP99Ms: number;
  rejected: Record<string, number>;
  gcSeconds: number;
}

/** The service's decision histogram buckets (summed over events) and event-loop lag p99 (prom-client resets it at each scrape). */
async function scrapeServer(url: string): Promise<ServerSample> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets = new Map<number, number>();
  for (const m of text.matchAll(/^voicebot_dialogue_decision_seconds_bucket\{([^}]*)\} (\d+)/gm)) {
    const le = /le="([^"]+)"/.exec(m[1]!)?.[1];
    if (!le) continue;
    const bound = le === '+Inf' ? Infinity : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(m[2]));
  }
  const lag = /^voicebot_dialogue_nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})? ([\d.e+-]+)/m.exec(text);
  const rejected: Record<string, number> = {};
  for (const m of text.matchAll(/^voicebot_dialogue_events_rejected_total\{[^}]*reason="([^"]+)"[^}]*\} (\d+)/gm)) rejected[m[1]!] = Number(m[2]);
  let gcSeconds = 0;
  for (const m of text.matchAll(/^voicebot_dialogue_nodejs_gc_duration_seconds_sum\{[^}]*\} ([\d.e+-]+)/gm)) gcSeconds += Number(m[1]);
  return { buckets, eventLoopLagP99Ms: lag ? Number(lag[1]) * 1000 : -1, rejected, gcSeconds };
}

/** Upper bounds of the buckets holding p50 and p99 of the decisions made between two scrapes. */
function serverPercentiles(before: ServerSample, after: ServerSample): { p50Ms: number; p99Ms: number } {
  const sorted = [...after.buckets.entries()].map(([le, n]) => [le, n - (before.buckets.get(le) ?? 0)] as const).sort((a, b) => a[0] - b[0]);
  const total = sorted.at(-1)?.[1] ?? 0;
  const at = (p: number): number => (sorted.find(([, n]) => n >= total * p)?.[0] ?? 0) * 1000;
  return { p50Ms: at(0.5), p99Ms: at(0.99) };
}

async function waitReady(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dialogue service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('dialogue service not ready in time');
}

/** One simulated call: replies, plays every prompt to its mark, starts over when the call ends. */
class BenchCall {
  peer!: MediaPeer;
  busy = false;
  private ending = false;
  private sent = 0;
  private generation = 0;
  private pendingSeq = 0;
  private sentAt = 0;

  constructor(private readonly client: ReturnType<typeof MediaPeer.client>, private readonly id: number, private readonly onLatency: (ms: number) => void) {}

  async open(): Promise<void> {
    this.generation++;
    this.ending = false;
    this.pendingSeq = 0;
    this.sent = 0;
    this.peer = new MediaPeer(this.client, `bench-${process.pid}-${this.id}-${this.generation}`, { buffer: false });
    this.peer.stream.on('data', (c: DialogueCommand__Output) => this.onCommand(c));
    this.busy = true;
    this.peer.start({ campaign_id: 'bench' });
  }

  /** Send the next reply (a decision); returns false while the call is waiting for its previous one. */
  decide(): boolean {
    if (this.busy) return false;
    this.busy = true;
    const text = this.sent + 1 >= CALL_LENGTH ? '打错了' : KEEP_TALKING[this.sent % KEEP_TALKING.length]!;
    this.sent++;
    this.pendingSeq = this.peer.say(text);
    this.sentAt = performance.now();
    return true;
  }

  private onCommand(c: DialogueCommand__Output): void {
    if (this.pendingSeq && c.in_reply_to === this.pendingSeq) {
      this.onLatency(performance.now() - this.sentAt);
      this.pendingSeq = 0;
    }
    if (c.play_prompt) {
      this.peer.send({ playback_mark: { play_id: c.play_prompt.play_id, prompt_id: c.play_prompt.prompt_id } });
      // A closing prompt is followed by hang_up in the same write burst: only free the call if none came.
      const peer = this.peer;
      if (this.lastOfBatch(c)) setImmediate(() => peer === this.peer && !this.ending && (this.busy = false));
    }
    if (c.hang_up) {
      this.ending = true;
      this.peer.end();
      void this.open();
    }
  }

  /** Decisions end with the prompt that waits for the callee; the engine sends at most two prompts per decision. */
  private lastOfBatch(c: DialogueCommand__Output): boolean {
    return !['kb_rate', 'kb_who', 'kb_limit', 'kb_safe', 'kb_number'].includes(c.play_prompt!.prompt_id);
  }
}

async function main(): Promise<void> {
  const inProcess = inProcessDecisionCost();
  say(`in-process decision: p50 ${inProcess.p50Ms.toFixed(4)} ms, p99 ${inProcess.p99Ms.toFixed(4)} ms over ${inProcess.decisions} decisions`);

  let db: TestDatabase | undefined;
  try {
    db = await createTestPostgres();
  } catch {
    db = undefined;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dialogue-'));
  const [grpcPort, httpPort, pglitePort] = [await freePort(), await freePort(), await freePort()];
  // VOICEBOT_BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the service.
  const nodeArgs = (process.env.VOICEBOT_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', fromRoot('services/dialogue/src/main.ts')], {
    cwd: fromRoot('.'),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      VOICEBOT_LOG_LEVEL: 'warn',
      VOICEBOT_DATABASE_URL: db?.url ?? '',
      VOICEBOT_DATA_DIR: dataDir,
      VOICEBOT_PGLITE_PORT: String(pglitePort),
      VOICEBOT_DIALOGUE_GRPC_PORT: String(grpcPort),
      VOICEBOT_DIALOGUE_HTTP_PORT: String(httpPort),
      VOICEBOT_DIALOGUE_DIALER_ADDR: `127.0.0.1:${await freePort()}`,
      VOICEBOT_DIALOGUE_OUTBOX_INTERVAL_MS: '60000',
    },
  });
  try {
    await waitReady(`http://127.0.0.1:${httpPort}`, child);
    say(`dialogue service up (store: ${db ? 'postgres' : 'pglite'}); ${CALLS} calls at ${RATE} decisions/s for ${SECONDS} s`);
    const client = MediaPeer.client(`127.0.0.1:${grpcPort}`);
    const latencies: number[] = [];
    let measuring = false;
    const calls = Array.from({ length: CALLS }, (_, i) => new BenchCall(client, i, (ms) => measuring && latencies.push(ms)));
    await Promise.all(calls.map((c) => c.open()));

    let sent = 0;
    let skipped = 0;
    let next = 0;
    const t0 = performance.now();
    let cpu0 = 0;
    let serverBefore: ServerSample = { buckets: new Map(), eventLoopLagP99Ms: 0, rejected: {}, gcSeconds: 0 };
    let clientCpu0 = process.cpuUsage();
    const clientLag = monitorEventLoopDelay({ resolution: 5 });
    let tMeasure = 0;
    let sentAtMeasure = 0;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const elapsed = (performance.now() - t0) / 1000;
        if (!measuring && elapsed >= WARMUP_S) {
          measuring = true;
          cpu0 = cpuSeconds(child.pid!);
          clientCpu0 = process.cpuUsage();
          clientLag.enable();
          void scrapeServer(`http://127.0.0.1:${httpPort}`).then((x) => (serverBefore = x));
          tMeasure = performance.now();
          sentAtMeasure = sent;
        }
        if (elapsed >= WARMUP_S + SECONDS) {
          clearInterval(tick);
          resolve();
          return;
        }
        const due = Math.floor(elapsed * RATE) - sent - skipped;
        for (let i = 0; i < due; i++) {
          let placed = false;
          for (let tries = 0; tries < calls.length && !placed; tries++) placed = calls[next++ % calls.length]!.decide();
          if (placed) sent++;
          else skipped++;
        }
      }, 2);
    });
    const wallS = (performance.now() - tMeasure) / 1000;
    const cpuPct = ((cpuSeconds(child.pid!) - cpu0) / wallS) * 100;
    const clientCpu = process.cpuUsage(clientCpu0);
    clientLag.disable();
    const serverAfter = await scrapeServer(`http://127.0.0.1:${httpPort}`);
    const server = { ...serverPercentiles(serverBefore, serverAfter), eventLoopLagP99Ms: serverAfter.eventLoopLagP99Ms };
    await new Promise((r) => setTimeout(r, 200));
    client.close();
    const sorted = latencies.sort((a, b) => a - b);
    const result = {
      rate: round((sent - sentAtMeasure) / wallS, 1),
      decisionP50Ms: round(percentile(sorted, 50)),
      decisionP99Ms: round(percentile(sorted, 99)),
      cpuPct: round(cpuPct, 1),
      targetRate: RATE,
      calls: CALLS,
      decisions: sorted.length,
      skipped,
      store: db ? 'postgres' : 'pglite',
      serverDecisionP50MsAtMost: server.p50Ms,
      serverDecisionP99MsAtMost: server.p99Ms,
      serverEventLoopLagP99Ms: round(server.eventLoopLagP99Ms, 1),
      serverGcMs: round((serverAfter.gcSeconds - serverBefore.gcSeconds) * 1000, 1),
      serverRejectedEvents: serverAfter.rejected,
      clientCpuPct: round(((clientCpu.user + clientCpu.system) / 1e6 / wallS) * 100, 1),
      clientEventLoopLagP99Ms: round(clientLag.percentile(99) / 1e6, 1),
      loadAverage1m: round(os.loadavg()[0]!, 2),
      inProcessDecisionP50Ms: round(inProcess.p50Ms, 4),
      inProcessDecisionP99Ms: round(inProcess.p99Ms, 4),
    };
    say(`achieved ${result.rate}/s, decision p50 ${result.decisionP50Ms} ms, p99 ${result.decisionP99Ms} ms, service CPU ${result.cpuPct}% (skipped ${skipped}: every call was still waiting)`);
    console.log(JSON.stringify(result));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await db?.drop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
