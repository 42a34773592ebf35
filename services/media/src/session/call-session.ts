import type { Logger } from '@voicebot/common';
import type { DialogueCommand__Output } from '@voicebot/common/generated/voicebot/v1/DialogueCommand';
import type { MediaEvent } from '@voicebot/common/generated/voicebot/v1/MediaEvent';
import type { PlayPrompt__Output } from '@voicebot/common/generated/voicebot/v1/PlayPrompt';
import { maskPhone } from '@voicebot/common';
import type { AudioRing } from '../asr/audio-ring.ts';
import type { FromWorker } from '../asr/protocol.ts';
import type { AsrListener } from '../asr/worker-pool.ts';
import type { PromptCache } from '../audio/prompt-cache.ts';
import type { FrameDecoder } from '../codec/inbound-decoder.ts';
import type { ConverseStream, DialoguePort } from '../dialogue/converse.ts';
import type { CarrierEvent, FramingAdapter, OutboundMessage, StreamStart } from '../framing/types.ts';
import type { MediaMetrics } from '../metrics.ts';
import { type BargeInPolicy, decideInterruption } from './barge-in.ts';
import { EchoGate, rmsOf } from './echo-gate.ts';
import { JitterBuffer, type JitterOutput } from './jitter-buffer.ts';
import { type PlayItem, Playout } from './playout.ts';

/**
 * One call: carrier stream in, audio to the ASR worker, events to the dialogue service, prompts
 * out. Everything here runs on the main thread per 20 ms frame, so it allocates nothing per
 * frame and never throws into the socket code: bad input is counted and logged.
 */

export interface CarrierTransport {
  /** False when the message was not queued (backpressure limit); the caller retries or drops. */
  send(message: OutboundMessage): boolean;
  /** Bytes queued in the socket. */
  buffered(): number;
  close(code: number, reason: string): void;
}

export interface AsrPort {
  attach(listener: AsrListener): { key: number; ring: AudioRing };
  notify(key: number): void;
  detach(key: number): void;
}

export interface SessionSettings {
  bargeInMinSpeechMs: number;
  noInputTimeoutMs: number;
  playoutLeadMs: number;
  echoGate: boolean;
  /** Stop sending ahead when this much is queued in the socket. */
  maxSocketBufferBytes: number;
}

export interface SessionDeps {
  log: Logger;
  metrics: MediaMetrics;
  asr: AsrPort;
  dialogue: DialoguePort;
  prompts: PromptCache;
  settings: SessionSettings;
  createDecoder(start: StreamStart): Promise<FrameDecoder>;
  /** Monotonic clock in ms. */
  now(): number;
  ended(session: CallSession): void;
}

interface SessionItem extends PlayItem {
  policy: BargeInPolicy;
  noInputTimeoutMs: number;
}

interface Utterance {
  onsetSample: number;
  /** Announced to the dialogue service (judged to be the callee, not our echo). */
  announced: boolean;
  duringPlayback: boolean;
  /** The prompt it may interrupt, if any. */
  interrupted: boolean;
  /** Highest echo-gate score seen while it could barge in (for the log when it did not). */
  bestNearEnd: number;
}

type Phase = 'connecting' | 'active' | 'ended';

const ARRIVAL_FRAMES = 1024;
const SAMPLES_PER_FRAME = 320;
/** Window the echo gate judges for a speech barge-in. */
const RECENT_SPEECH_MS = 160;
const POLICY_MODES = { BARGE_IN_POLICY_NONE: 'none', BARGE_IN_POLICY_SPEECH: 'speech', BARGE_IN_POLICY_KEYWORDS: 'keywords', BARGE_IN_POLICY_UNSPECIFIED: 'speech' } as const;

export class CallSession implements AsrListener {
  readonly framing: string;
  callId: string;
  private phase: Phase = 'connecting';
  private seq = 0;
  private start: StreamStart | undefined;
  private decoder: FrameDecoder | undefined;
  private asrKey = -1;
  private ring: AudioRing | undefined;
  private converse: ConverseStream | undefined;
  private playout: Playout;
  private readonly echo: EchoGate;
  private scratch = new Float32Array(2048);
  /** Inbound 16 kHz samples so far (stream position). */
  private position = 0;
  private readonly arrivals = new Float64Array(ARRIVAL_FRAMES);
  private lastArrival = -1;
  private answeredAt = 0;
  private firstAudioAt = -1;
  private utterance: Utterance | undefined;
  private lastUtteranceEndAt = -1;
  private silenceDeadline = -1;
  /** Inbound stream position when the current prompt started playing. */
  private promptStartSample = 0;
  private silenceFrom = 0;
  private hangup: { reason: string } | undefined;
  /** Prompt loads are asynchronous; this chain keeps them in command order. */
  private promptChain: Promise<void> = Promise.resolve();
  /** Set for framings whose packets may be reordered or lost (RTP, Telnyx). */
  private jitter: JitterBuffer | undefined;
  private readonly jitterOut: JitterOutput[] = [];
  /** The last decoded frame, replayed once at half level to conceal a lost packet. */
  private concealFrame = new Float32Array(0);
  private concealed = 0;
  /** The peer asked us to stop sending (Asterisk MEDIA_XOFF). */
  private flowPaused = false;
  /** Media that arrived while the decoder was being prepared (Opus init), bounded. */
  private pendingMedia: Uint8Array[] = [];

  constructor(
    private readonly adapter: FramingAdapter,
    private readonly transport: CarrierTransport,
    /** Call id the carrier's token was minted for. */
    private readonly tokenCallId: string,
    private readonly deps: SessionDeps,
  ) {
    this.framing = adapter.name;
    this.callId = tokenCallId;
    this.echo = new EchoGate(deps.settings.echoGate);
    this.playout = this.makePlayout();
  }

  private makePlayout(): Playout {
    return new Playout(
      {
        sendFrame: (frame) => this.sendFrame(frame),
        sendMark: (playId) => {
          const m = this.adapter.encodeMark(playId);
          if (m !== undefined) this.sendOrCount(m);
        },
        started: (_item, now) => this.promptStarted(now),
        finished: (item) => this.promptFinished(item as SessionItem),
      },
      this.adapter.peerBuffersPlayback,
      this.deps.settings.playoutLeadMs,
    );
  }

  get active(): boolean {
    return this.phase === 'active';
  }

  get ended(): boolean {
    return this.phase === 'ended';
  }

  // ---- carrier side -------------------------------------------------------------------------

  onMessage(message: string | Uint8Array, isBinary: boolean): void {
    if (this.phase === 'ended') return;
    let events: CarrierEvent[];
    try {
      events = this.adapter.decode(message, isBinary);
    } catch (err) {
      // Adapters return `invalid` events; a throw is a bug, contained to this message.
      events = [{ kind: 'invalid', reason: 'bad_payload', detail: `adapter error: ${(err as Error).message}` }];
    }
    for (const e of events) this.onCarrierEvent(e);
  }

  private onCarrierEvent(e: CarrierEvent): void {
    switch (e.kind) {
      case 'start':
        this.onStart(e);
        break;
      case 'media':
        if (this.phase !== 'active' || !this.decoder) {
          if (this.phase === 'connecting' && this.start && this.pendingMedia.length < 50) this.pendingMedia.push(e.payload.slice());
          else if (this.phase === 'connecting' && !this.start) this.reject('before_start', 'media before start');
          return;
        }
        if (this.jitter && e.seq !== undefined) this.jitter.push(e.seq, e.timestamp ?? 0, e.payload, this.deps.now(), e.ssrc ?? 0);
        else this.onMedia(e.payload);
        break;
      case 'mark':
        if (!this.playout.onPeerMark(e.name)) this.reject('bad_payload', `mark ${JSON.stringify(e.name).slice(0, 60)} was never sent`);
        this.maybeHangUp();
        break;
      case 'dtmf':
        this.emit({ dtmf: { digit: e.digit, duration_ms: e.durationMs ?? 0 } });
        break;
      case 'stop':
        this.end('HANGUP_PARTY_CALLEE', 'carrier_stop', 1000, 'stream stopped');
        break;
      case 'invalid':
        this.reject(e.reason, e.detail);
        break;
      case 'flow':
        this.flowPaused = e.paused;
        break;
      case 'connected':
      case 'cleared':
        break;
    }
  }

  private reject(reason: string, detail: string): void {
    this.deps.metrics.rejectedFrames.inc({ framing: this.framing, reason });
    this.deps.log.warn({ callId: this.callId, framing: this.framing, reason, detail }, 'rejected carrier message');
  }

  private onStart(start: StreamStart): void {
    if (this.start) {
      this.reject('unknown_event', 'second start');
      return;
    }
    // Framings without custom parameters (AudioSocket, RTP) speak for the token's call.
    const paramCallId = start.parameters.callId ?? this.tokenCallId;
    if (paramCallId !== this.tokenCallId) {
      this.deps.metrics.rejectedConnections.inc({ reason: 'call_id_mismatch' });
      this.deps.log.warn({ tokenCallId: this.tokenCallId, startCallId: paramCallId.slice(0, 64) }, 'start callId differs from the token');
      this.phase = 'ended';
      this.transport.close(4403, 'callId does not match token');
      this.deps.ended(this);
      return;
    }
    this.start = start;
    this.answeredAt = this.deps.now();
    for (const m of this.adapter.handshakeReply(start)) this.sendOrCount(m);
    if (this.adapter.sequencing) this.jitter = new JitterBuffer(this.adapter.sequencing.timestampUnit === 'ms' ? 1000 : start.format.sampleRate);
    this.deps
      .createDecoder(start)
      .then((decoder) => {
        if (this.phase === 'ended') return;
        this.decoder = decoder;
        this.activate(start);
        for (const p of this.pendingMedia) this.onMedia(p);
        this.pendingMedia = [];
      })
      .catch((err: Error) => {
        this.deps.log.error({ callId: this.callId, err: err.message }, 'cannot decode the stream');
        this.end('HANGUP_PARTY_SYSTEM', `error: ${err.message}`, 1011, 'unsupported media format');
      });
  }

  private activate(start: StreamStart): void {
    this.phase = 'active';
    const { key, ring } = this.deps.asr.attach(this);
    this.asrKey = key;
    this.ring = ring;
    this.converse = this.deps.dialogue.open(this.callId, {
      command: (cmd) => this.onCommand(cmd),
      closed: (err) => {
        if (this.phase === 'ended') return;
        if (err) {
          this.deps.metrics.dialogueErrors.inc();
          this.deps.log.error({ callId: this.callId, err: err.message }, 'dialogue stream failed');
          this.end('HANGUP_PARTY_SYSTEM', `error: dialogue stream: ${err.message.slice(0, 100)}`, 1011, 'dialogue_unavailable');
        } else if (!this.hangup) {
          this.hangup = { reason: 'dialogue_closed' };
          this.maybeHangUp();
        }
      },
    });
    this.deps.metrics.activeCalls.inc({ framing: this.framing });
    const p = start.parameters;
    this.deps.log.info({ callId: this.callId, framing: this.framing, codec: start.format.codec, callee: p.to ? maskPhone(p.to) : undefined }, 'call started');
    this.emit({
      call_started: {
        campaign_id: p.campaignId ?? '',
        lead_id: p.leadId ?? '',
        framing: this.framing,
        codec: start.format.codec,
        sample_rate: start.format.sampleRate,
        script_id: p.scriptId ?? '',
        answered_by: normaliseAnsweredBy(p.answeredBy),
        carrier_call_id: start.carrierCallId,
        callee_masked: p.to ? maskPhone(p.to) : '',
        language: p.language ?? '',
      },
    });
  }

  private onMedia(payload: Uint8Array): void {
    const decoder = this.decoder!;
    const need = decoder.maxOutput(payload.length);
    if (need > this.scratch.length) {
      if (need > 48000) {
        this.reject('too_large', `media packet of ${payload.length} bytes`);
        return;
      }
      this.scratch = new Float32Array(need);
    }
    const n = decoder.decode(payload, this.scratch);
    if (n < 0) {
      this.reject('bad_payload', `undecodable ${this.start?.format.codec} payload of ${payload.length} bytes`);
      return;
    }
    const samples = this.scratch.subarray(0, n);
    if (this.jitter) {
      if (this.concealFrame.length < n) this.concealFrame = new Float32Array(n);
      this.concealFrame.fill(0);
      this.concealFrame.set(samples);
    }
    this.acceptAudio(samples, this.deps.now());
  }

  /** 16 kHz audio of one packet: stamp its arrival, judge echo, hand it to the worker. */
  private acceptAudio(samples: Float32Array, now: number): void {
    const n = samples.length;
    const frameIndex = Math.floor(this.position / SAMPLES_PER_FRAME);
    const frames = Math.max(1, Math.round(n / SAMPLES_PER_FRAME));
    if (this.lastArrival >= 0) this.deps.metrics.frameLateness.observe({ framing: this.framing }, Math.max(0, now - this.lastArrival - frames * 20) / 1000);
    this.lastArrival = now;
    const level = rmsOf(samples);
    const playing = this.playout.levelAt(now);
    for (let f = 0; f < frames; f++) {
      this.arrivals[(frameIndex + f) % ARRIVAL_FRAMES] = now;
      this.echo.judge(frameIndex + f, level, playing);
    }
    this.position += n;
    this.ring!.write(samples);
    this.deps.asr.notify(this.asrKey);
    if (this.utterance) this.checkSpeechBargeIn(now);
  }

  private drainJitter(now: number): void {
    const jb = this.jitter!;
    const before = { ...jb.stats };
    for (const out of jb.pull(now, this.jitterOut)) {
      if (out.kind === 'audio') {
        this.concealed = 0;
        this.onMedia(out.payload);
      } else this.conceal();
    }
    const m = this.deps.metrics.jitterLoss;
    if (jb.stats.played > before.played) m.inc({ fate: 'played' }, jb.stats.played - before.played);
    if (jb.stats.lost > before.lost) m.inc({ fate: 'concealed' }, jb.stats.lost - before.lost);
    if (jb.stats.late > before.late) m.inc({ fate: 'late' }, jb.stats.late - before.late);
    if (jb.stats.duplicate > before.duplicate) m.inc({ fate: 'duplicate' }, jb.stats.duplicate - before.duplicate);
    if (this.jitterOut.length) this.deps.metrics.jitterDepth.observe(jb.depthMs / 1000);
  }

  /** Packet loss concealment: the previous frame once at half level, then silence. */
  private conceal(): void {
    const n = SAMPLES_PER_FRAME;
    if (this.scratch.length < n) this.scratch = new Float32Array(n);
    const gain = this.concealed++ === 0 ? 0.5 : 0;
    for (let i = 0; i < n; i++) this.scratch[i] = (this.concealFrame[i] ?? 0) * gain;
    this.acceptAudio(this.scratch.subarray(0, n), this.deps.now());
  }

  /** Monotonic arrival time of the frame holding `sample` (or now when it is too old to know). */
  private arrivalOf(sample: number): number {
    const frame = Math.floor(sample / SAMPLES_PER_FRAME);
    const current = Math.floor(this.position / SAMPLES_PER_FRAME);
    if (frame < 0 || frame >= current || current - frame >= ARRIVAL_FRAMES) return this.deps.now();
    return this.arrivals[frame % ARRIVAL_FRAMES]!;
  }

  private streamMs(sample = this.position): number {
    return Math.round(sample / 16);
  }

  // ---- ASR worker side ----------------------------------------------------------------------

  onWorkerEvent(e: FromWorker): void {
    if (this.phase !== 'active') return;
    const now = this.deps.now();
    switch (e.type) {
      case 'speech_start': {
        const playing = this.playout.playing(now);
        this.utterance = { onsetSample: e.onsetSample, announced: false, duringPlayback: playing, interrupted: false, bestNearEnd: 0 };
        this.maybeAnnounce();
        this.checkSpeechBargeIn(now);
        break;
      }
      case 'partial': {
        const u = this.utterance;
        if (!u) break;
        this.maybeAnnounce();
        if (!u.announced) break;
        this.emit({ partial_transcript: { text: e.text, confidence: 0, start_ms: this.streamMs(e.startSample), end_ms: this.streamMs(), during_playback: u.duringPlayback } });
        this.checkKeywordBargeIn(e.text, false, now);
        break;
      }
      case 'speech_end': {
        this.echo.calleeSpeaking = false;
        const u = this.utterance;
        if (!u) break;
        if (u.duringPlayback && !u.interrupted) this.deps.log.debug({ callId: this.callId, announced: u.announced, bestNearEnd: +u.bestNearEnd.toFixed(2), erlDb: +this.echo.erlDb.toFixed(1), onsetMs: this.streamMs(u.onsetSample), endMs: this.streamMs(e.endSample) }, 'utterance over a prompt did not barge in');
        this.maybeAnnounce();
        if (!u.announced) {
          this.deps.metrics.echoSuppressed.inc();
          this.deps.log.debug({ callId: this.callId }, 'utterance judged to be prompt echo');
          break;
        }
        this.emit({ speech_stopped: { duration_ms: this.streamMs(e.endSample - e.onsetSample) } }, this.streamMs(e.endSample));
        this.lastUtteranceEndAt = this.arrivalOf(e.endSample);
        break;
      }
      case 'final': {
        const u = this.utterance;
        if (!u?.announced) {
          this.utterance = undefined;
          break;
        }
        this.deps.metrics.asrFinalLatency.observe((now - this.arrivalOf(e.endSample)) / 1000);
        this.emit({
          final_transcript: { text: e.text, confidence: e.confidence < 0 ? 0 : e.confidence, start_ms: this.streamMs(e.startSample), end_ms: this.streamMs(e.endSample), during_playback: u.duringPlayback },
        });
        this.checkKeywordBargeIn(e.text, true, now);
        this.utterance = undefined;
        if (!this.playout.busy(now) && this.silenceDeadline < 0 && !this.hangup) this.armSilence(now, this.deps.settings.noInputTimeoutMs);
        break;
      }
      case 'error':
        this.deps.log.error({ callId: this.callId, err: e.message }, 'ASR error for this call');
        break;
    }
  }

  onWorkerLost(): void {
    this.deps.metrics.transcriptGaps.inc();
    this.deps.log.warn({ callId: this.callId, inUtterance: this.utterance !== undefined, streamMs: this.streamMs() }, 'ASR worker lost; call re-attached, transcript gap');
    this.utterance = undefined;
  }

  /** Announce the utterance once the echo gate says it is the callee's voice. */
  private maybeAnnounce(): void {
    const u = this.utterance;
    if (!u || u.announced) return;
    if (u.duringPlayback && this.echo.nearEndScore(Math.floor(u.onsetSample / SAMPLES_PER_FRAME), Math.floor(this.position / SAMPLES_PER_FRAME)) < 0.5) return;
    u.announced = true;
    // The echo gate keeps learning the echo path through utterances that are only our echo.
    this.echo.calleeSpeaking = true;
    this.silenceDeadline = -1;
    this.emit({ speech_started: { during_playback: u.duringPlayback } }, this.streamMs(u.onsetSample));
  }

  private currentPolicy(now: number): BargeInPolicy | undefined {
    if (!this.playout.playing(now)) return undefined;
    return (this.playout.current(now) as SessionItem | undefined)?.policy;
  }

  private checkSpeechBargeIn(now: number): void {
    const u = this.utterance!;
    if (u.interrupted) return;
    const policy = this.currentPolicy(now);
    if (!policy || policy.mode !== 'speech') return;
    this.maybeAnnounce();
    // Only speech heard while this prompt plays counts: an utterance (or its VAD hang-over)
    // that began before the prompt must show fresh near-end speech over the prompt itself.
    const from = Math.max(u.onsetSample, this.promptStartSample);
    // The echo verdict looks at the most recent speech only, so an utterance that began as echo
    // (the VAD hears our prompt too) is judged on what the callee is doing now.
    const recent = Math.max(from, this.position - Math.max(policy.minSpeechMs, RECENT_SPEECH_MS) * 16);
    const signal = { kind: 'speech' as const, speechMs: (this.position - from) / 16, nearEndRatio: this.nearEndSince(recent) };
    if (signal.nearEndRatio > u.bestNearEnd) u.bestNearEnd = signal.nearEndRatio;
    const d = decideInterruption(policy, signal);
    if (d.interrupt) {
      this.deps.log.info({ callId: this.callId, speechMs: signal.speechMs, nearEnd: +signal.nearEndRatio.toFixed(2), erlDb: +this.echo.erlDb.toFixed(1), onsetMs: this.streamMs(u.onsetSample), promptStartMs: this.streamMs(this.promptStartSample) }, 'barge-in');
      this.interrupt(d.reason, u, now);
    }
  }

  private nearEndSince(sample: number): number {
    return this.echo.nearEndScore(Math.floor(sample / SAMPLES_PER_FRAME), Math.floor(this.position / SAMPLES_PER_FRAME));
  }

  private checkKeywordBargeIn(text: string, final: boolean, now: number): void {
    const u = this.utterance;
    const policy = this.currentPolicy(now);
    if (!u || u.interrupted || !policy || policy.mode !== 'keywords') return;
    const d = decideInterruption(policy, { kind: 'transcript', text, final, nearEndRatio: this.nearEndSince(Math.max(u.onsetSample, this.promptStartSample)) });
    if (d.interrupt) this.interrupt(d.reason, u, now);
  }

  // ---- playout ------------------------------------------------------------------------------

  private sendFrame(frame: Uint8Array): boolean {
    if (this.flowPaused || this.transport.buffered() > this.deps.settings.maxSocketBufferBytes) return false;
    return this.sendOrCount(this.adapter.encodeMedia(frame));
  }

  private sendOrCount(message: OutboundMessage): boolean {
    if (this.transport.send(message)) return true;
    this.deps.metrics.outboundDropped.inc({ framing: this.framing });
    return false;
  }

  private promptStarted(now: number): void {
    this.promptStartSample = this.position;
    if (this.firstAudioAt < 0) this.firstAudioAt = now;
    if (this.lastUtteranceEndAt >= 0) {
      this.deps.metrics.responseLatency.observe({ framing: this.framing }, (now - this.lastUtteranceEndAt) / 1000);
      this.lastUtteranceEndAt = -1;
    }
    this.silenceDeadline = -1;
  }

  private promptFinished(item: SessionItem): void {
    this.emit({ playback_mark: { play_id: item.playId, prompt_id: item.promptId } });
    const now = this.deps.now();
    if (this.playout.queued === 0 && !this.hangup && !this.utterance) this.armSilence(now, item.noInputTimeoutMs || this.deps.settings.noInputTimeoutMs);
    this.maybeHangUp();
  }

  private armSilence(now: number, ms: number): void {
    this.silenceFrom = now;
    this.silenceDeadline = now + ms;
  }

  private interrupt(reason: 'barge_in_speech' | 'barge_in_keyword', u: Utterance, now: number): void {
    const cut = this.playout.clear(now);
    u.interrupted = true;
    if (!cut) return;
    const flush = this.adapter.encodeClear();
    if (flush !== undefined) this.sendOrCount(flush);
    const latencyMs = this.deps.now() - this.arrivalOf(u.onsetSample);
    this.deps.metrics.bargeIns.inc({ reason });
    this.deps.metrics.bargeInLatency.observe({ framing: this.framing }, latencyMs / 1000);
    this.maybeAnnounce();
    this.emit({
      playback_interrupted: {
        play_id: cut.item.playId,
        prompt_id: cut.item.promptId,
        heard_ms: cut.heardMs,
        prompt_ms: cut.promptMs,
        reason,
        speech_onset_ms: this.streamMs(u.onsetSample),
        latency_ms: latencyMs,
      },
    });
  }

  /** Shared 20 ms tick: pace playout, feed the echo gate, fire silence timeouts, finish hang-ups. */
  tick(now: number): void {
    if (this.phase !== 'active') return;
    if (this.jitter) this.drainJitter(now);
    this.playout.pump(now);
    this.echo.pushReference(this.playout.levelAt(now));
    if (this.silenceDeadline >= 0 && now >= this.silenceDeadline) {
      this.silenceDeadline = -1;
      this.emit({ silence_timeout: { silence_ms: Math.round(now - this.silenceFrom) } });
    }
    if (this.hangup) this.maybeHangUp();
  }

  // ---- dialogue commands --------------------------------------------------------------------

  private onCommand(cmd: DialogueCommand__Output): void {
    if (this.phase !== 'active') return;
    switch (cmd.command) {
      case 'play_prompt':
        if (cmd.play_prompt) this.playPrompt(cmd.play_prompt);
        break;
      case 'stop_playback': {
        const now = this.deps.now();
        const cut = this.playout.clear(now);
        const flush = this.adapter.encodeClear();
        if (flush !== undefined) this.sendOrCount(flush);
        if (cut) {
          this.emit({ playback_interrupted: { play_id: cut.item.playId, prompt_id: cut.item.promptId, heard_ms: cut.heardMs, prompt_ms: cut.promptMs, reason: 'stop_command', speech_onset_ms: 0, latency_ms: 0 } });
        }
        break;
      }
      case 'hang_up': {
        const h = cmd.hang_up!;
        this.hangup = { reason: h.reason || 'robot_hangup' };
        this.silenceDeadline = -1;
        if (h.immediate) {
          const cut = this.playout.clear(this.deps.now());
          if (cut) {
            const flush = this.adapter.encodeClear();
            if (flush !== undefined) this.sendOrCount(flush);
          }
          this.end('HANGUP_PARTY_ROBOT', this.hangup.reason, 1000, 'robot_hangup');
        } else this.maybeHangUp();
        break;
      }
      case 'transfer': {
        const t = cmd.transfer!;
        // The media stream cannot bridge calls itself: it ends the stream with the target as the
        // reason, and the carrier leg (TwiML after <Connect>, dialplan) performs the transfer.
        this.deps.log.info({ callId: this.callId, target: t.target }, 'transfer requested');
        this.end('HANGUP_PARTY_ROBOT', `transfer:${t.target}`, 1000, `transfer:${t.target}`.slice(0, 120));
        break;
      }
      default:
        this.deps.log.warn({ callId: this.callId, command: cmd.command }, 'unknown dialogue command');
    }
  }

  private playPrompt(p: PlayPrompt__Output): void {
    const format = this.adapter.outboundFormat!;
    const scriptId = p.script_id || this.start?.parameters.scriptId || '';
    const load = this.deps.prompts.get(scriptId, p.prompt_id, format);
    this.promptChain = this.promptChain.then(() =>
      load.then(
        (encoded) => {
          if (this.phase !== 'active' || this.hangup) return;
          const item: SessionItem = {
            playId: p.play_id,
            promptId: p.prompt_id,
            frames: encoded.frames,
            levels: encoded.levels,
            frameMs: encoded.frameMs,
            policy: { mode: POLICY_MODES[p.barge_in] ?? 'speech', minSpeechMs: p.min_speech_ms || this.deps.settings.bargeInMinSpeechMs, keywords: p.interrupt_keywords },
            noInputTimeoutMs: p.no_input_timeout_ms,
          };
          this.silenceDeadline = -1;
          this.playout.enqueue(item);
          this.playout.pump(this.deps.now());
        },
        (err: Error) => {
          if (this.phase !== 'active') return;
          this.deps.metrics.promptErrors.inc();
          this.deps.log.error({ callId: this.callId, promptId: p.prompt_id, err: err.message }, 'cannot play prompt');
          this.emit({ playback_interrupted: { play_id: p.play_id, prompt_id: p.prompt_id, heard_ms: 0, prompt_ms: 0, reason: 'prompt_unavailable', speech_onset_ms: 0, latency_ms: 0 } });
        },
      ),
    );
  }

  private maybeHangUp(): void {
    if (!this.hangup || this.phase !== 'active') return;
    if (this.playout.busy(this.deps.now())) return;
    this.end('HANGUP_PARTY_ROBOT', this.hangup.reason, 1000, 'robot_hangup');
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  private emit(event: Omit<MediaEvent, 'call_id' | 'seq' | 'stream_time_ms'>, streamTimeMs = this.streamMs()): void {
    if (!this.converse) return;
    const ok = this.converse.send({ call_id: this.callId, seq: ++this.seq, stream_time_ms: streamTimeMs, ...event });
    if (!ok) this.deps.log.warn({ callId: this.callId, event: Object.keys(event)[0] }, 'dialogue stream not draining; event dropped');
  }

  /** The carrier socket closed (by the peer or the network). */
  onTransportClosed(code: number): void {
    if (this.phase === 'ended') return;
    this.phase === 'active'
      ? this.end(code === 1000 || code === 1001 || code === 1005 ? 'HANGUP_PARTY_CALLEE' : 'HANGUP_PARTY_NETWORK', 'socket_closed', -1, '')
      : this.finish();
  }

  /** End the call (idempotent): tell the dialogue service, release the worker slot, close the socket unless `closeCode` is -1. */
  end(party: 'HANGUP_PARTY_CALLEE' | 'HANGUP_PARTY_ROBOT' | 'HANGUP_PARTY_NETWORK' | 'HANGUP_PARTY_SYSTEM', reason: string, closeCode: number, closeReason: string): void {
    if (this.phase === 'ended') return;
    const wasActive = this.phase === 'active';
    // Closing the socket below calls back into onTransportClosed synchronously; marking the call
    // ended first keeps that from ending it a second time (a second call_ended, the active-calls
    // gauge decremented twice).
    this.phase = 'ended';
    if (wasActive) {
      this.emit({ call_ended: { party, reason, duration_ms: this.streamMs(), answer_to_audio_ms: this.firstAudioAt >= 0 ? Math.round(this.firstAudioAt - this.answeredAt) : 0 } });
      this.converse?.end();
      this.deps.metrics.activeCalls.dec({ framing: this.framing });
      this.deps.metrics.calls.inc({ framing: this.framing, party: party.replace('HANGUP_PARTY_', '').toLowerCase() });
      this.deps.log.info({ callId: this.callId, party, reason, durationMs: this.streamMs() }, 'call ended');
    }
    this.playout.clear(this.deps.now());
    if (closeCode >= 0) this.transport.close(closeCode, closeReason);
    this.finish();
  }

  private finish(): void {
    this.phase = 'ended';
    if (this.asrKey >= 0) this.deps.asr.detach(this.asrKey);
    this.asrKey = -1;
    this.deps.ended(this);
  }
}

/** Carriers report AMD results in their own words (Twilio: machine_start, machine_end_beep, fax…); the contract says human / machine / unknown. */
export function normaliseAnsweredBy(raw: string | undefined): string {
  if (!raw) return '';
  if (raw === 'human') return 'human';
  if (raw.startsWith('machine') || raw === 'fax') return 'machine';
  return 'unknown';
}
