import type { Logger } from '@voicebot/common';
import { maskPhone } from '@voicebot/common';
import type { ClipLibrary } from './clips.ts';
import type { ClockDriver, FrameClock } from './frame-clock.ts';
import { CallMeter, recordError, type CallRecord, type EndedBy } from './measurements.ts';
import { MediaSession } from './media-session.ts';
import type { ResolvedPersona } from './personas.ts';
import type { StatusCallbackQueue } from './status-callbacks.ts';
import type { StreamInstruction, TwimlVerb } from './twiml.ts';
import { decodeWav } from './audio/wav.ts';
import type { EchoOptions } from './upstream.ts';

/**
 * One outbound call through the simulated network: it rings for the persona's ring time, then is
 * answered (by a person or a machine), busy, unanswered or failed, reporting each step to the
 * status callback; an answered call runs a media session until someone hangs up.
 */
export interface CallRequest {
  to: string;
  from: string;
  stream: StreamInstruction;
  /** Give up ringing after this long (Twilio `Timeout`). */
  timeoutMs: number;
  machineDetection: boolean;
}

export interface CallEnvironment {
  accountSid: string;
  clips: ClipLibrary;
  clock: FrameClock;
  driver: ClockDriver;
  noise: Int16Array;
  echo: EchoOptions | undefined;
  log: Logger;
}

/** Twilio's CallStatus values. */
export type CallStatus = 'queued' | 'initiated' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

const TERMINAL: ReadonlySet<CallStatus> = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
/** Time between the carrier accepting the call and the far end ringing. */
const SETUP_MS = 150;

export class SimulatedCall {
  status: CallStatus = 'queued';
  answeredBy: 'human' | 'machine_start' | undefined;
  readonly createdAt = new Date();
  private answeredAt: number | undefined;
  private endedAt: number | undefined;
  private session: MediaSession | undefined;
  /** TwiML to run once the media stream has stopped (REST update with `Twiml`). */
  private pendingTwiml: TwimlVerb[] | undefined;
  private cancelTimer: (() => void) | undefined;

  constructor(
    readonly sid: string,
    readonly request: CallRequest,
    private readonly persona: ResolvedPersona | undefined,
    readonly record: CallRecord,
    private readonly callbacks: StatusCallbackQueue,
    private readonly env: CallEnvironment,
    private readonly onFinished: (call: SimulatedCall) => void,
  ) {}

  get durationSeconds(): number | undefined {
    if (this.answeredAt === undefined || this.endedAt === undefined) return undefined;
    return Math.round((this.endedAt - this.answeredAt) / 1000);
  }

  /** The REST reply says `queued`; the network picks the call up just after. */
  begin(): void {
    this.after(0, () => {
      this.setStatus('initiated', 'initiated');
      this.after(SETUP_MS, () => this.ring());
    });
  }

  /** REST `Status=canceled|completed`: hang up from the dialer's side. Returns false if not applicable. */
  hangup(requested: 'canceled' | 'completed'): boolean {
    if (TERMINAL.has(this.status)) return false;
    this.pendingTwiml = undefined;
    if (requested === 'canceled' && this.status === 'in-progress') return false;
    if (this.session) {
      this.session.stopStream('carrier_hangup');
      return true;
    }
    this.cancelTimer?.();
    this.finish(this.status === 'in-progress' ? 'completed' : 'canceled');
    return true;
  }

  /** REST update with `Twiml`: stop the media stream and run the new verbs. False if not live. */
  redirect(verbs: TwimlVerb[]): boolean {
    if (this.status !== 'in-progress' || !this.session || this.pendingTwiml) return false;
    this.pendingTwiml = verbs;
    this.session.stopStream('twiml_redirect');
    return true;
  }

  private ring(): void {
    const persona = this.persona;
    if (!persona) {
      recordError(this.record, 'no persona answers this number');
      this.finish('failed');
      return;
    }
    const { outcome, ringMs } = persona.carrier;
    if (outcome === 'busy') return this.after(ringMs, () => this.finish('busy'));
    if (outcome === 'fail') return this.after(ringMs, () => this.finish('failed'));
    this.setStatus('ringing', 'ringing');
    this.record.outcome = 'ringing';
    if (outcome === 'no-answer' || ringMs >= this.request.timeoutMs) {
      return this.after(Math.min(ringMs, this.request.timeoutMs), () => this.finish('no-answer'));
    }
    this.after(ringMs, () => this.answer(outcome === 'machine' ? 'machine_start' : 'human'));
  }

  private answer(by: 'human' | 'machine_start'): void {
    const env = this.env;
    this.answeredAt = env.driver.now();
    this.answeredBy = by;
    this.record.outcome = by === 'human' ? 'answered' : 'machine';
    const answeredBy = this.request.machineDetection ? by : 'unknown';
    this.setStatus('in-progress', 'answered', this.request.machineDetection ? { AnsweredBy: answeredBy } : {});
    const meter = new CallMeter(this.record, this.answeredAt);
    env.log.info({ callSid: this.sid, to: maskPhone(this.request.to), answeredBy }, 'call answered');
    this.session = new MediaSession({
      url: this.request.stream.url,
      accountSid: env.accountSid,
      callSid: this.sid,
      customParameters: { ...this.request.stream.parameters, answeredBy },
      persona: this.persona!,
      clips: env.clips,
      clock: env.clock,
      driver: env.driver,
      noise: env.noise,
      echo: env.echo,
      meter,
      log: env.log,
      onEnd: (endedBy) => this.sessionEnded(endedBy),
    });
  }

  private sessionEnded(endedBy: EndedBy): void {
    this.session = undefined;
    if (this.pendingTwiml) {
      void this.runTwiml(this.pendingTwiml);
      return;
    }
    this.env.log.info({ callSid: this.sid, endedBy }, 'call ended');
    this.finish('completed');
  }

  /** Play/Pause/Hangup as the carrier itself; the call ends when the verbs run out, as with Twilio. */
  private async runTwiml(verbs: TwimlVerb[]): Promise<void> {
    for (const v of verbs) {
      if (TERMINAL.has(this.status)) return;
      if (v.verb === 'Hangup') break;
      if (v.verb === 'Pause') await this.wait(v.seconds * 1000);
      if (v.verb === 'Play') {
        const ms = await this.fetchAudioMs(v.url);
        if (ms === undefined) break;
        this.record.carrierPlayed.push({ url: v.url, ms: ms * v.loop });
        await this.wait(ms * v.loop);
      }
    }
    this.finish('completed');
  }

  private async fetchAudioMs(url: string): Promise<number | undefined> {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const audio = decodeWav(Buffer.from(await res.arrayBuffer()), url);
      return (audio.samples.length / audio.sampleRate) * 1000;
    } catch (err) {
      // Twilio reports 11200 (HTTP retrieval failure) and moves on; the call then ends.
      recordError(this.record, `<Play> ${url}: ${(err as Error).message}`);
      return undefined;
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  private finish(status: 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled'): void {
    if (TERMINAL.has(this.status)) return;
    this.endedAt = this.env.driver.now();
    if (status !== 'completed') {
      this.record.outcome = status;
      this.record.endedBy ??= 'carrier';
    }
    this.setStatus(status, 'completed', status === 'completed' ? { CallDuration: String(this.durationSeconds ?? 0) } : {});
    this.session = undefined;
    this.onFinished(this);
  }

  private setStatus(status: CallStatus, event: 'initiated' | 'ringing' | 'answered' | 'completed', extra: Record<string, string> = {}): void {
    this.status = status;
    this.callbacks.send(event, {
      AccountSid: this.env.accountSid,
      CallSid: this.sid,
      CallStatus: status,
      To: this.request.to,
      From: this.request.from,
      Direction: 'outbound-api',
      ApiVersion: '2010-04-01',
      CallbackSource: 'call-progress-events',
      ...extra,
    });
  }

  private after(ms: number, fn: () => void): void {
    this.cancelTimer = this.env.driver.schedule(() => {
      this.cancelTimer = undefined;
      try {
        fn();
      } catch (err) {
        // One broken call must not take the simulator (and every other call) down with it.
        recordError(this.record, `call step failed: ${(err as Error).message}`);
        this.env.log.error({ err, callSid: this.sid }, 'call step failed');
        this.finish(this.status === 'in-progress' ? 'completed' : 'failed');
      }
    }, ms);
  }
}
