import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, SERVER_OPTIONS, bindServer, freePort, grpc, signMediaToken, voicebotService } from '@voicebot/common';
import type { DialogueCommand } from '@voicebot/common/generated/voicebot/v1/DialogueCommand';
import type { MediaEvent__Output } from '@voicebot/common/generated/voicebot/v1/MediaEvent';
import WebSocket from 'ws';
import { parseWav, toMonoFloat } from '../../services/media/src/audio/wav.ts';
import { encodeMulaw, MULAW_TO_FLOAT } from '../../services/media/src/codec/g711.ts';

/**
 * Load generator for the media service, measured from the carrier's side.
 *
 * The media service runs as its own process (so its CPU and RSS are measurable) against a
 * scripted dialogue service in this process. Each simulated callee streams real-time 20 ms
 * µ-law frames of low line noise plus the robot's own audio echoed back at -14 dB, and per
 * prompt either
 *   - talks over it at a known offset (`speech` policy: a barge-in is expected; latency =
 *     first speech frame sent → `clear` received), or
 *   - says a backchannel (嗯 / 好的, `keywords` policy: any interruption is false), or
 *   - stays silent (any interruption, i.e. from echo or noise, is false).
 * Response latency = last speech frame of an answer sent → first frame of the next prompt
 * received. Frames dropped = peer play-out underruns inside a prompt.
 */
export interface LoadOptions {
  calls: number;
  seconds: number;
  /** Framings to mix, round-robin per call. */
  framings: Array<'twilio' | 'telnyx' | 'plivo'>;
  mediaEnv?: Record<string, string>;
  echoDb?: number;
  log?: (line: string) => void;
}

export interface LoadResult {
  calls: number;
  seconds: number;
  prompts: number;
  bargeInsExpected: number;
  bargeInLatenciesMs: number[];
  missedBargeIns: number;
  falseBargeIns: number;
  responseLatenciesMs: number[];
  framesDropped: number;
  frameLatenessMs: number[];
  cpuPct: number;
  rssMb: number;
  callsCompleted: number;
  errors: string[];
  serverMetrics: string;
}

const SECRET = 'bench-secret';
const FRAME = 160;

function loadClip(file: string): { name: string; samples: Float32Array; onset: number; end: number } {
  const samples = toMonoFloat(parseWav(fs.readFileSync(file), file));
  // Speech onset/end of the clip: first/last 10 ms block above -40 dBFS.
  const block = 80;
  let onset = 0;
  let end = samples.length;
  const level = (i: number) => Math.sqrt(samples.subarray(i, i + block).reduce((a, v) => a + v * v, 0) / block);
  for (let i = 0; i + block <= samples.length; i += block) if (level(i) > 0.01) { onset = i; break; }
  for (let i = samples.length - block; i >= 0; i -= block) if (level(i) > 0.01) { end = i + block; break; }
  return { name: path.basename(file, '.wav'), samples, onset, end };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

type PromptKind = 'interrupt' | 'backchannel' | 'silent';

interface PeerDialect {
  route: string;
  start(streamId: string, params: Record<string, string>): unknown;
  media(streamId: string, payload: string, chunk: number): unknown;
  mark(streamId: string, name: string): unknown;
  /** Parse an outbound message: media payload, mark name or clear. */
  parse(m: Record<string, unknown>): { kind: 'media'; payload: string } | { kind: 'mark'; name: string } | { kind: 'clear' } | undefined;
}

const DIALECTS: Record<LoadOptions['framings'][number], PeerDialect> = {
  twilio: {
    route: '/twilio',
    start: (sid, params) => ({ event: 'start', streamSid: sid, start: { streamSid: sid, callSid: `CA${sid}`, customParameters: params, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } } }),
    media: (sid, payload, chunk) => ({ event: 'media', streamSid: sid, media: { track: 'inbound', chunk: String(chunk), timestamp: String(chunk * 20), payload } }),
    mark: (sid, name) => ({ event: 'mark', streamSid: sid, mark: { name } }),
    parse: (m) => (m.event === 'media' ? { kind: 'media', payload: (m.media as { payload: string }).payload } : m.event === 'mark' ? { kind: 'mark', name: (m.mark as { name: string }).name } : m.event === 'clear' ? { kind: 'clear' } : undefined),
  },
  telnyx: {
    route: '/telnyx',
    start: (sid, params) => ({ event: 'start', stream_id: sid, start: { call_control_id: `v3:${sid}`, custom_parameters: params, media_format: { encoding: 'PCMU', sample_rate: 8000, channels: 1 } } }),
    media: (sid, payload, chunk) => ({ event: 'media', stream_id: sid, sequence_number: String(chunk + 1), media: { track: 'inbound', chunk: String(chunk), timestamp: String(chunk * 20), payload } }),
    mark: (sid, name) => ({ event: 'mark', stream_id: sid, mark: { name } }),
    parse: (m) => (m.event === 'media' ? { kind: 'media', payload: (m.media as { payload: string }).payload } : m.event === 'mark' ? { kind: 'mark', name: (m.mark as { name: string }).name } : m.event === 'clear' ? { kind: 'clear' } : undefined),
  },
  plivo: {
    route: '/plivo',
    start: (sid, params) => ({ event: 'start', start: { callId: `pl-${sid}`, streamId: sid, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000 }, customParameters: params } }),
    media: (sid, payload, chunk) => ({ event: 'media', streamId: sid, sequenceNumber: chunk, media: { track: 'inbound', chunk, timestamp: String(chunk * 20), payload } }),
    mark: (sid, name) => ({ event: 'playedStream', streamId: sid, name }),
    parse: (m) => (m.event === 'playAudio' ? { kind: 'media', payload: (m.media as { payload: string }).payload } : m.event === 'checkpoint' ? { kind: 'mark', name: m.name as string } : m.event === 'clearAudio' ? { kind: 'clear' } : undefined),
  },
};

/** One simulated callee on one carrier connection. */
class Callee {
  ws: WebSocket;
  private readonly buffer: Array<{ kind: 'media'; pcm: Float32Array; due: number } | { kind: 'mark'; name: string }> = [];
  private chunk = 0;
  private say: { clip: Float32Array; pos: number; onset: number; end: number; answer: boolean } | undefined;

  /** Still talking (the clip has not finished). */
  get speaking(): boolean {
    return this.say !== undefined;
  }
  /** Prompt currently arriving: kind, when its first frame arrived, whether its mark or a clear came. */
  prompt: { playId: string; kind: PromptKind; firstFrameAt: number; frames: number; cleared: boolean; markArrived: boolean; spokeAt: number; sayScheduledAt: number } | undefined;
  lastSpeechEndAt = -1;
  private noiseSeed = 1;
  private lastClip = '';
  private readonly echoGain: number;
  private playing: Float32Array | undefined;
  closed = false;

  constructor(
    readonly index: number,
    readonly callId: string,
    private readonly dialect: PeerDialect,
    url: string,
    private readonly stats: LoadResult,
    private readonly clips: { interrupt: ReturnType<typeof loadClip>[]; backchannel: ReturnType<typeof loadClip>[] },
    echoDb: number,
  ) {
    this.echoGain = 10 ** (echoDb / 20);
    this.ws = new WebSocket(url);
    this.ws.on('open', () => this.send(this.dialect.start(`S${index}`, { callId, scriptId: 'loan-zh', campaignId: 'bench', leadId: `lead-${index}` })));
    this.ws.on('message', (data) => this.onMessage(JSON.parse(data.toString()) as Record<string, unknown>));
    this.ws.on('close', () => (this.closed = true));
    this.ws.on('error', (err) => stats.errors.push(`call ${index}: ${err.message}`));
  }

  private send(m: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }

  /** The dialogue told us which prompt comes next and what the callee will do during it. */
  expect(playId: string, kind: PromptKind): void {
    this.prompt = { playId, kind, firstFrameAt: -1, frames: 0, cleared: false, markArrived: false, spokeAt: -1, sayScheduledAt: -1 };
  }

  private onMessage(m: Record<string, unknown>): void {
    const now = performance.now();
    const msg = this.dialect.parse(m);
    if (!msg) return;
    if (msg.kind === 'media') {
      const bytes = Buffer.from(msg.payload, 'base64');
      const pcm = new Float32Array(bytes.length);
      for (let i = 0; i < bytes.length; i++) pcm[i] = MULAW_TO_FLOAT[bytes[i]!]!;
      const p = this.prompt;
      if (p && p.firstFrameAt < 0) {
        p.firstFrameAt = now;
        if (this.lastSpeechEndAt >= 0) {
          this.stats.responseLatenciesMs.push(now - this.lastSpeechEndAt);
          this.lastSpeechEndAt = -1;
        }
        // Decide when to talk over this prompt: 0.7–1.5 s into it.
        if (p.kind !== 'silent') p.sayScheduledAt = now + 700 + ((this.index * 131 + this.stats.prompts * 37) % 800);
      }
      const due = p ? p.firstFrameAt + p.frames * 20 : now;
      if (p) {
        p.frames++;
        if (now > due) this.stats.frameLatenessMs.push(now - due);
      }
      this.buffer.push({ kind: 'media', pcm, due });
    } else if (msg.kind === 'mark') {
      if (this.prompt?.playId === msg.name) {
        this.prompt.markArrived = true;
        if (process.env.BENCH_DEBUG && this.prompt.kind === 'interrupt' && !this.prompt.cleared) process.stderr.write(`missed barge-in: call ${this.index} prompt ${msg.name} clip ${this.lastClip} spoke ${this.prompt.spokeAt >= 0 ? Math.round(this.prompt.spokeAt - this.prompt.firstFrameAt) : '-'} ms in\n`);
      }
      this.buffer.push({ kind: 'mark', name: msg.name });
    }
    else {
      // clear: drop buffered audio, echo the dropped marks.
      for (const b of this.buffer) if (b.kind === 'mark') this.send(this.dialect.mark(`S${this.index}`, b.name));
      this.buffer.length = 0;
      this.playing = undefined;
      const p = this.prompt;
      if (p && !p.cleared) {
        p.cleared = true;
        if (p.kind === 'interrupt' && p.spokeAt >= 0) this.stats.bargeInLatenciesMs.push(now - p.spokeAt);
        else {
          this.stats.falseBargeIns++;
          if (process.env.BENCH_DEBUG) process.stderr.write(`false barge-in: call ${this.index} ${p.kind} prompt ${p.playId} at ${Math.round(now - p.firstFrameAt)} ms into it (spoke ${p.spokeAt >= 0 ? Math.round(p.spokeAt - p.firstFrameAt) : '-'})\n`);
        }
      }
    }
  }

  /** Every 20 ms: play one buffered frame, send one frame of callee audio (noise + echo + speech). */
  tick(now: number, frame: Float32Array): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    // Play-out: one frame per tick; an empty buffer inside an unfinished prompt is an underrun.
    this.playing = undefined;
    while (this.buffer.length) {
      const b = this.buffer.shift()!;
      if (b.kind === 'mark') {
        this.send(this.dialect.mark(`S${this.index}`, b.name));
        continue;
      }
      this.playing = b.pcm;
      break;
    }
    const p = this.prompt;
    if (!this.playing && p && p.firstFrameAt >= 0 && !p.cleared && !p.markArrived) this.stats.framesDropped++;
    // Callee audio.
    for (let i = 0; i < FRAME; i++) {
      this.noiseSeed = (this.noiseSeed * 1103515245 + 12345) & 0x7fffffff;
      frame[i] = ((this.noiseSeed / 0x7fffffff) * 2 - 1) * 0.002 + (this.playing ? this.playing[i]! * this.echoGain : 0);
    }
    if (p && p.sayScheduledAt >= 0 && now >= p.sayScheduledAt && !this.say) {
      const pool = p.kind === 'interrupt' ? this.clips.interrupt : this.clips.backchannel;
      const clipIndex = (this.index + this.stats.prompts) % pool.length;
      const clip = pool[clipIndex]!;
      this.lastClip = clip.name;
      // Start 100 ms before the clip's speech onset: the onset frame's send time is the truth.
      this.say = { clip: clip.samples, pos: Math.max(0, clip.onset - 800), onset: clip.onset, end: clip.end, answer: p.kind === 'interrupt' };
      p.sayScheduledAt = -1;
      this.stats.bargeInsExpected += p.kind === 'interrupt' ? 1 : 0;
    }
    if (this.say) {
      const s = this.say;
      for (let i = 0; i < FRAME && s.pos + i < s.clip.length; i++) frame[i]! += s.clip[s.pos + i]!;
      if (p && p.spokeAt < 0 && s.pos <= s.onset && s.onset < s.pos + FRAME) p.spokeAt = now;
      // Only answers (the callee interrupting) are waited for by the dialogue: their end starts the response clock.
      if (s.answer && s.pos < s.end && s.end <= s.pos + FRAME) this.lastSpeechEndAt = now;
      s.pos += FRAME;
      if (s.pos >= s.clip.length) this.say = undefined;
    }
    const pcm = new Int16Array(FRAME);
    for (let i = 0; i < FRAME; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(frame[i]! * 32767)));
    this.send(this.dialect.media(`S${this.index}`, Buffer.from(encodeMulaw(pcm)).toString('base64'), ++this.chunk));
  }

}

function procStat(pid: number): { cpuTicks: number; rssMb: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuTicks = Number(fields[11]) + Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = /VmRSS:\s+(\d+)/.exec(status);
  return { cpuTicks, rssMb: rss ? Number(rss[1]) / 1024 : 0 };
}

export async function startMedia(env: Record<string, string>, log: (l: string) => void): Promise<{ proc: ChildProcess; wsPort: number; httpPort: number; stop(): Promise<void> }> {
  const wsPort = await freePort();
  const httpPort = await freePort();
  const grpcPort = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'services/media/src/main.ts')], {
    env: {
      ...process.env,
      VOICEBOT_LOG_LEVEL: process.env.BENCH_MEDIA_LOG_LEVEL ?? 'warn',
      VOICEBOT_MEDIA_WS_PORT: String(wsPort),
      VOICEBOT_MEDIA_HTTP_PORT: String(httpPort),
      VOICEBOT_MEDIA_GRPC_PORT: String(grpcPort),
      VOICEBOT_MEDIA_AUDIOSOCKET_PORT: '0',
      VOICEBOT_MEDIA_DIALER_ADDR: '127.0.0.1:1',
      VOICEBOT_MEDIA_CARRIER_SECRETS: `twilio:${SECRET},telnyx:${SECRET},plivo:${SECRET}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d: Buffer) => log(d.toString().trimEnd()));
  proc.stderr!.on('data', (d: Buffer) => log(d.toString().trimEnd()));
  const t0 = Date.now();
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`media exited with ${proc.exitCode} during start-up`);
    try {
      const r = await fetch(`http://127.0.0.1:${httpPort}/readyz`);
      if (r.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - t0 > 180_000) throw new Error('media not ready after 180 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    proc,
    wsPort,
    httpPort,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

/** Scripted dialogue: alternates interrupt / backchannel / silent prompts until the call's time is up. */
class ScriptedDialogue {
  private readonly server = new grpc.Server(SERVER_OPTIONS);
  port = 0;
  readonly callees = new Map<string, Callee>();

  constructor(private readonly stats: LoadResult, private readonly deadline: () => number) {}

  async start(): Promise<void> {
    const promptFor: Record<PromptKind, { prompt: string; policy: 'BARGE_IN_POLICY_SPEECH' | 'BARGE_IN_POLICY_KEYWORDS' }> = {
      interrupt: { prompt: 'intro_1', policy: 'BARGE_IN_POLICY_SPEECH' },
      backchannel: { prompt: 'invite_1', policy: 'BARGE_IN_POLICY_KEYWORDS' },
      silent: { prompt: 'close_ok', policy: 'BARGE_IN_POLICY_SPEECH' },
    };
    const ORDER: PromptKind[] = ['interrupt', 'backchannel', 'interrupt', 'silent'];
    this.server.addService(voicebotService('CallSessionService').service, {
      Converse: (stream: grpc.ServerDuplexStream<MediaEvent__Output, DialogueCommand>) => {
        let seq = 0;
        let n = 0;
        let callee: Callee | undefined;
        let waitingAnswer = false;
        const send = (cmd: Omit<DialogueCommand, 'call_id' | 'seq'>) => stream.write({ call_id: callee!.callId, seq: ++seq, ...cmd });
        const next = () => {
          if (performance.now() > this.deadline()) {
            send({ hang_up: { reason: 'completed', immediate: false } });
            return;
          }
          const kind = ORDER[n % ORDER.length]!;
          const p = promptFor[kind];
          const playId = `${callee!.callId}-p${++n}`;
          this.stats.prompts++;
          callee!.expect(playId, kind);
          waitingAnswer = kind === 'interrupt';
          send({ play_prompt: { play_id: playId, prompt_id: p.prompt, script_id: 'loan-zh', barge_in: p.policy, interrupt_keywords: ['不需要', '别再打了', '没兴趣'], no_input_timeout_ms: 3000 } });
        };
        stream.on('data', (ev: MediaEvent__Output) => {
          if (!callee) callee = this.callees.get(ev.call_id);
          if (!callee) return;
          switch (ev.event) {
            case 'call_started':
              next();
              break;
            case 'final_transcript':
            case 'speech_stopped':
              // Answer once per interrupted prompt, when the callee has finished talking (a pause
              // inside the clip also ends an utterance; a real dialogue would wait for the meaning).
              if (waitingAnswer && !callee.speaking) {
                waitingAnswer = false;
                next();
              }
              break;
            case 'playback_mark':
            case 'silence_timeout':
              if (!waitingAnswer && ev.event === 'playback_mark') next();
              break;
            case 'call_ended':
              this.stats.callsCompleted++;
              stream.end();
              break;
          }
        });
        stream.on('error', () => {});
      },
    });
    this.port = await bindServer(this.server, '127.0.0.1', 0);
  }

  stop(): void {
    this.server.forceShutdown();
  }
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const log = opts.log ?? (() => {});
  const stats: LoadResult = { calls: opts.calls, seconds: opts.seconds, prompts: 0, bargeInsExpected: 0, bargeInLatenciesMs: [], missedBargeIns: 0, falseBargeIns: 0, responseLatenciesMs: [], framesDropped: 0, frameLatenessMs: [], cpuPct: 0, rssMb: 0, callsCompleted: 0, errors: [], serverMetrics: '' };
  const clipDir = path.join(REPO_ROOT, 'assets/callee-audio/zh');
  const all = fs.readdirSync(clipDir).filter((f) => f.endsWith('.wav'));
  const backchannelNames = all.filter((f) => /^(en|hao-de|dui|en-en|shi-de|hao)\.wav$/.test(f));
  const clips = {
    interrupt: all.filter((f) => !backchannelNames.includes(f)).map((f) => loadClip(path.join(clipDir, f))),
    backchannel: (backchannelNames.length ? backchannelNames : all.slice(0, 1)).map((f) => loadClip(path.join(clipDir, f))),
  };
  let deadline = Number.POSITIVE_INFINITY;
  const dialogue = new ScriptedDialogue(stats, () => deadline);
  await dialogue.start();
  const media = await startMedia({ VOICEBOT_MEDIA_DIALOGUE_ADDR: `127.0.0.1:${dialogue.port}`, VOICEBOT_MEDIA_MAX_CALLS: String(opts.calls + 10), VOICEBOT_MEDIA_WARM_SLOTS: String(Math.ceil((opts.calls + 10) / 2)), ...opts.mediaEnv }, log);
  const callees: Callee[] = [];
  const frame = new Float32Array(FRAME);
  const ticker = setInterval(() => {
    const now = performance.now();
    for (const c of callees) c.tick(now, frame);
  }, 20);
  try {
    // Ramp calls in over 2 s so their prompts do not all start in the same tick.
    for (let i = 0; i < opts.calls; i++) {
      const framing = opts.framings[i % opts.framings.length]!;
      const dialect = DIALECTS[framing];
      const callId = `bench-${i}`;
      const token = signMediaToken({ carrier: framing, callId, exp: Date.now() / 1000 + 3600 }, SECRET);
      const c = new Callee(i, callId, dialect, `ws://127.0.0.1:${media.wsPort}${dialect.route}?token=${token}`, stats, clips, opts.echoDb ?? -14);
      dialogue.callees.set(callId, c);
      callees.push(c);
      await new Promise((r) => setTimeout(r, 2000 / opts.calls));
    }
    const t0 = performance.now();
    const cpu0 = procStat(media.proc.pid!);
    deadline = t0 + opts.seconds * 1000;
    let maxRss = 0;
    while (performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      maxRss = Math.max(maxRss, procStat(media.proc.pid!).rssMb);
    }
    const cpu1 = procStat(media.proc.pid!);
    const elapsed = (performance.now() - t0) / 1000;
    stats.cpuPct = ((cpu1.cpuTicks - cpu0.cpuTicks) / 100 / elapsed) * 100;
    stats.rssMb = maxRss;
    stats.serverMetrics = await (await fetch(`http://127.0.0.1:${media.httpPort}/metrics`)).text();
    // Let calls hang up after their current prompt.
    const t1 = Date.now();
    while (callees.some((c) => !c.closed) && Date.now() - t1 < 30_000) await new Promise((r) => setTimeout(r, 200));
    stats.missedBargeIns = Math.max(0, stats.bargeInsExpected - stats.bargeInLatenciesMs.length);
  } finally {
    clearInterval(ticker);
    for (const c of callees) c.ws.close();
    await media.stop();
    dialogue.stop();
  }
  return stats;
}
