import { CalleeBrain, hashString, seededRandom, type BrainAction } from './callee-brain.ts';
import type { ClipLibrary } from './clips.ts';
import { FRAME_MS } from './frame-clock.ts';
import { recordError, type CallMeter } from './measurements.ts';
import { MULAW_SILENCE } from './audio/mulaw.ts';
import type { ResolvedPersona } from './personas.ts';
import { FRAME_BYTES, PlaybackBuffer, PROMPT_START } from './playback.ts';
import { UpstreamMixer, type EchoOptions } from './upstream.ts';

/**
 * The carrier side of one Twilio media stream as a pure protocol core: robot messages in, carrier
 * messages out, one `frame()` per 20 ms tick, time passed in. It joins the earpiece (playback
 * buffer), the persona's brain, the microphone (upstream mixer) and the meter; the socket adapter
 * (media-session.ts) only moves text and owns the clock.
 */
export interface CalleeLineOptions {
  accountSid: string;
  callSid: string;
  customParameters: Record<string, string>;
  persona: ResolvedPersona;
  clips: ClipLibrary;
  noise: Int16Array;
  echo: EchoOptions | undefined;
  meter: CallMeter;
  answeredAt: number;
  /** Robot audio the earpiece may hold before the stream counts as misbehaving. */
  maxPlaybackBytes?: number;
  /** Hard cap on a call, so a persona that never hears a hang-up cannot hold a line forever. */
  maxCallMs?: number;
}

/** What a tick or a message asks the adapter to do besides sending `out`. */
export interface LineResult {
  /** Carrier messages to send, in order (JSON-serialisable). */
  out: object[];
  /** The callee hangs up: send `out` (it ends with `stop`), then close with this reason. */
  hangup?: string;
}

const DEFAULT_MAX_PLAYBACK_BYTES = 8000 * 120;
const DEFAULT_MAX_CALL_MS = 180_000;

export class CalleeLine {
  readonly streamSid: string;
  private readonly brain: CalleeBrain;
  private readonly playback: PlaybackBuffer;
  private readonly mixer: UpstreamMixer;
  private readonly earpiece = new Uint8Array(FRAME_BYTES);
  private readonly mic = new Uint8Array(FRAME_BYTES);
  private readonly maxCallMs: number;
  private readonly maxPlaybackBytes: number;
  private sequence = 0;
  private chunk = 0;
  /** Frames of stream time, sent or dropped: `media.timestamp` follows the clock, not the sends. */
  private streamFrames = 0;
  /** Robot media since the last mark/clear belongs to the prompt already counted. */
  private rxPromptOpen = false;
  private hungUp = false;

  constructor(private readonly o: CalleeLineOptions) {
    this.streamSid = `MZ${o.callSid.slice(2)}`;
    // Seeded by who the callee is, not the number: a demo that renumbers its leads replays the same gaps.
    const random = seededRandom(o.persona.seed ^ hashString(`${o.persona.name}|${o.persona.persona}`));
    this.brain = new CalleeBrain({ turns: o.persona.turns, gapMs: o.persona.gapMs, hangupAfterMs: o.persona.hangupAfterMs, random }, o.answeredAt);
    this.maxCallMs = o.maxCallMs ?? DEFAULT_MAX_CALL_MS;
    this.maxPlaybackBytes = o.maxPlaybackBytes ?? DEFAULT_MAX_PLAYBACK_BYTES;
    this.playback = new PlaybackBuffer(this.maxPlaybackBytes, MULAW_SILENCE);
    this.mixer = new UpstreamMixer(o.noise, hashString(o.callSid), o.echo);
  }

  /** `connected` and `start`, sent when the socket opens. */
  open(): object[] {
    const o = this.o;
    return [
      { event: 'connected', protocol: 'Call', version: '1.0.0' },
      {
        event: 'start',
        sequenceNumber: this.seq(),
        start: {
          accountSid: o.accountSid,
          streamSid: this.streamSid,
          callSid: o.callSid,
          tracks: ['inbound'],
          customParameters: o.customParameters,
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        },
        streamSid: this.streamSid,
      },
    ];
  }

  /** The `stop` that precedes any carrier-side close (callee or carrier hang-up). */
  stop(): object {
    this.hungUp = true;
    this.mixer.silence();
    return { event: 'stop', sequenceNumber: this.seq(), streamSid: this.streamSid, stop: { accountSid: this.o.accountSid, callSid: this.o.callSid } };
  }

  /** One 20 ms tick; `canSend` is false when the socket is backed up (the mic frame is dropped). */
  frame(now: number, canSend: boolean): LineResult {
    const out: object[] = [];
    if (this.hungUp) return { out };
    const meter = this.o.meter;
    const heard = this.playback.playFrame(this.earpiece);
    for (const event of heard.events) {
      if (event === PROMPT_START) {
        meter.promptHeard();
        this.brain.promptStarted(now);
      } else {
        out.push(this.mark(event, false));
        this.brain.promptEnded(now);
      }
    }
    const deadline = this.brain.nextDeadline();
    if (deadline !== undefined && deadline <= now) {
      const action = this.brain.poll(now);
      const hangup = action && this.act(action, now, out);
      if (hangup) return { out, hangup };
    }
    if (now - this.o.answeredAt > this.maxCallMs) {
      recordError(meter.record, `call still up after ${this.maxCallMs} ms; callee hung up`);
      out.push(this.stop());
      return { out, hangup: 'callee_hangup' };
    }
    const speech = this.mixer.frame(this.earpiece, this.mic);
    this.streamFrames++;
    if (canSend) {
      out.push({
        event: 'media',
        sequenceNumber: this.seq(),
        media: { track: 'inbound', chunk: String(++this.chunk), timestamp: String((this.streamFrames - 1) * FRAME_MS), payload: Buffer.from(this.mic).toString('base64') },
        streamSid: this.streamSid,
      });
    } else {
      meter.record.upstreamDrops++;
    }
    if (speech.onset) meter.speechOnset(now);
    if (speech.speechEnd) meter.speechEnded(now);
    if (speech.clipDone) this.brain.speechFinished(now);
    return { out };
  }

  /** A text message from the robot; returns what to send back (dropped-mark echoes on `clear`). */
  receive(text: string, now: number): object[] {
    let msg: { event?: unknown; media?: { payload?: unknown }; mark?: { name?: unknown } };
    try {
      msg = JSON.parse(text);
    } catch {
      return this.protocolError('message is not JSON');
    }
    switch (msg.event) {
      case 'media': {
        const payload = msg.media?.payload;
        if (typeof payload !== 'string') return this.protocolError('media without a base64 payload');
        if (!this.rxPromptOpen) {
          this.rxPromptOpen = true;
          this.o.meter.robotPromptStarted(now);
        }
        if (!this.playback.pushAudio(Buffer.from(payload, 'base64'))) {
          return this.protocolError(`robot sent more than ${this.maxPlaybackBytes / 8000} s of audio ahead of playback`);
        }
        return [];
      }
      case 'mark': {
        const name = msg.mark?.name;
        if (typeof name !== 'string') return this.protocolError('mark without a name');
        this.rxPromptOpen = false;
        this.playback.pushMark(name);
        return [];
      }
      case 'clear': {
        this.rxPromptOpen = false;
        this.o.meter.clearReceived(now);
        const echoes = this.playback.clear().map((name) => this.mark(name, true));
        this.brain.cleared(now);
        return echoes;
      }
      default:
        return this.protocolError(`unknown event ${JSON.stringify(msg.event)}`);
    }
  }

  /** Returns the hang-up reason when the action ends the call. */
  private act(action: BrainAction, now: number, out: object[]): string | undefined {
    if (action.type === 'hangup') {
      out.push(this.stop());
      return 'callee_hangup';
    }
    if (action.type === 'press') {
      this.o.meter.pressed(action.digit, now);
      out.push({ event: 'dtmf', streamSid: this.streamSid, sequenceNumber: this.seq(), dtmf: { track: 'inbound_track', digit: action.digit } });
      return undefined;
    }
    const clip = this.o.clips.get(this.o.persona.language, action.clip);
    if (!clip) {
      // Personas are validated against the library at load, so this is a programming error.
      recordError(this.o.meter.record, `no clip ${this.o.persona.language}/${action.clip}`);
      this.brain.speechFinished(now);
      return undefined;
    }
    this.o.meter.said(action.kind, clip.slug, clip.text, now);
    this.mixer.say(clip);
    return undefined;
  }

  private mark(name: string, dropped: boolean): object {
    this.o.meter.markEchoed(dropped);
    return { event: 'mark', sequenceNumber: this.seq(), streamSid: this.streamSid, mark: { name } };
  }

  private protocolError(message: string): object[] {
    recordError(this.o.meter.record, message);
    return [];
  }

  private seq(): string {
    return String(++this.sequence);
  }
}
