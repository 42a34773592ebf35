import { WebSocket, type RawData } from 'ws';
import type { Logger } from '@voicebot/common';
import { CalleeBrain, hashString, seededRandom, type BrainAction } from './callee-brain.ts';
import type { ClipLibrary } from './clips.ts';
import { FRAME_MS, type ClockDriver, type FrameClock, type FrameListener } from './frame-clock.ts';
import { recordError, type CallMeter, type EndedBy } from './measurements.ts';
import { MULAW_SILENCE } from './audio/mulaw.ts';
import type { ResolvedPersona } from './personas.ts';
import { FRAME_BYTES, PlaybackBuffer, PROMPT_START } from './playback.ts';
import { UpstreamMixer, type EchoOptions } from './upstream.ts';

/**
 * One answered call's media stream, as the carrier side of Twilio's media-stream protocol: the
 * simulator dials out to the Stream URL, sends `connected` and `start`, then a real-time 20 ms
 * µ-law frame per clock tick (the callee's microphone), plays the robot's `media` at real-time
 * pace, echoes `mark`s as playback reaches them and honours `clear`. The persona's brain decides
 * what the callee says; the meter measures it.
 */
export interface MediaSessionOptions {
  url: string;
  accountSid: string;
  callSid: string;
  customParameters: Record<string, string>;
  persona: ResolvedPersona;
  clips: ClipLibrary;
  clock: FrameClock;
  driver: ClockDriver;
  noise: Int16Array;
  echo: EchoOptions | undefined;
  meter: CallMeter;
  log: Logger;
  /** Robot audio the callee's earpiece may hold before the stream counts as misbehaving. */
  maxPlaybackBytes?: number;
  /** Hard cap on a call, so a persona that never hears a hang-up cannot hold a line forever. */
  maxCallMs?: number;
  onEnd: (endedBy: EndedBy) => void;
}

/** Above this much unsent data the far end is not reading: drop mic frames rather than queue. */
const MAX_WS_BUFFERED_BYTES = 256 * 1024;
const DEFAULT_MAX_PLAYBACK_BYTES = 8000 * 120;
const DEFAULT_MAX_CALL_MS = 180_000;

export class MediaSession implements FrameListener {
  private readonly ws: WebSocket;
  private readonly streamSid: string;
  private readonly brain: CalleeBrain;
  private readonly playback: PlaybackBuffer;
  private readonly mixer: UpstreamMixer;
  private readonly earpiece = new Uint8Array(FRAME_BYTES);
  private readonly mic = new Uint8Array(FRAME_BYTES);
  private readonly answeredAt: number;
  private readonly maxCallMs: number;
  private readonly maxPlaybackBytes: number;
  private sequence = 0;
  private chunk = 0;
  /** Frames of stream time, sent or dropped: `media.timestamp` follows the clock, not the sends. */
  private streamFrames = 0;
  private streaming = false;
  private ended = false;
  /** Robot media since the last mark/clear belongs to the prompt already counted. */
  private rxPromptOpen = false;

  constructor(private readonly o: MediaSessionOptions) {
    this.answeredAt = o.driver.now();
    this.streamSid = `MZ${o.callSid.slice(2)}`;
    // Seeded by who the callee is, not the number: a demo that renumbers its leads replays the same gaps.
    const random = seededRandom(o.persona.seed ^ hashString(`${o.persona.name}|${o.persona.persona}`));
    this.brain = new CalleeBrain({ turns: o.persona.turns, gapMs: o.persona.gapMs, hangupAfterMs: o.persona.hangupAfterMs, random }, this.answeredAt);
    this.maxCallMs = o.maxCallMs ?? DEFAULT_MAX_CALL_MS;
    this.maxPlaybackBytes = o.maxPlaybackBytes ?? DEFAULT_MAX_PLAYBACK_BYTES;
    this.playback = new PlaybackBuffer(this.maxPlaybackBytes, MULAW_SILENCE);
    this.mixer = new UpstreamMixer(o.noise, hashString(o.callSid), o.echo);
    // Robot audio arrives in small messages; anything near this size is a misbehaving peer.
    this.ws = new WebSocket(o.url, { handshakeTimeout: 5000, maxPayload: 1024 * 1024 });
    this.ws.on('open', () => this.onOpen());
    this.ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    this.ws.on('unexpected-response', (_req, res) => {
      this.fail(`media WebSocket upgrade refused: HTTP ${res.statusCode}`);
      res.resume();
    });
    this.ws.on('error', (err) => this.fail(`media WebSocket error: ${err.message}`));
    this.ws.on('close', (code, reason) => this.onClose(code, reason.toString()));
  }

  /** The carrier ends the stream (REST hang-up or new TwiML): `stop`, then close, as Twilio does. */
  stopStream(reason: 'carrier_hangup' | 'twiml_redirect'): void {
    this.endStream('carrier', reason);
  }

  onFrame(): void {
    if (!this.streaming) return;
    const now = this.o.driver.now();
    const o = this.o;
    const heard = this.playback.playFrame(this.earpiece);
    for (const event of heard.events) {
      if (event === PROMPT_START) {
        o.meter.promptHeard();
        this.brain.promptStarted(now);
      } else {
        this.sendMark(event, false);
        this.brain.promptEnded(now);
      }
    }

    const deadline = this.brain.nextDeadline();
    if (deadline !== undefined && deadline <= now) {
      const action = this.brain.poll(now);
      if (action) this.act(action, now);
      if (this.ended) return;
    }
    if (now - this.answeredAt > this.maxCallMs) {
      recordError(o.meter.record, `call still up after ${this.maxCallMs} ms; callee hung up`);
      this.endStream('callee', 'callee_hangup');
      return;
    }

    const speech = this.mixer.frame(this.earpiece, this.mic);
    this.streamFrames++;
    if (this.ws.bufferedAmount > MAX_WS_BUFFERED_BYTES) {
      o.meter.record.upstreamDrops++;
    } else {
      this.chunk++;
      this.send({
        event: 'media',
        sequenceNumber: String(++this.sequence),
        media: { track: 'inbound', chunk: String(this.chunk), timestamp: String((this.streamFrames - 1) * FRAME_MS), payload: Buffer.from(this.mic).toString('base64') },
        streamSid: this.streamSid,
      });
    }
    const sentAt = o.driver.now();
    if (speech.onset) o.meter.speechOnset(sentAt);
    if (speech.speechEnd) o.meter.speechEnded(sentAt);
    if (speech.clipDone) this.brain.speechFinished(now);
  }

  private act(action: BrainAction, now: number): void {
    if (action.type === 'hangup') {
      this.endStream('callee', 'callee_hangup');
      return;
    }
    if (action.type === 'press') {
      this.o.meter.pressed(action.digit, now);
      this.send({ event: 'dtmf', streamSid: this.streamSid, sequenceNumber: String(++this.sequence), dtmf: { track: 'inbound_track', digit: action.digit } });
      return;
    }
    const clip = this.o.clips.get(this.o.persona.language, action.clip);
    if (!clip) {
      // Personas are validated against the library at load, so this is a programming error.
      recordError(this.o.meter.record, `no clip ${this.o.persona.language}/${action.clip}`);
      this.brain.speechFinished(now);
      return;
    }
    this.o.meter.said(action.kind, clip.slug, clip.text, now);
    this.mixer.say(clip);
  }

  private onOpen(): void {
    const o = this.o;
    this.send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    this.send({
      event: 'start',
      sequenceNumber: String(++this.sequence),
      start: {
        accountSid: o.accountSid,
        streamSid: this.streamSid,
        callSid: o.callSid,
        tracks: ['inbound'],
        customParameters: o.customParameters,
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
      streamSid: this.streamSid,
    });
    this.streaming = true;
    o.clock.add(this);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return this.protocolError('binary message on a Twilio media stream');
    let msg: { event?: unknown; media?: { payload?: unknown }; mark?: { name?: unknown } };
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return this.protocolError('message is not JSON');
    }
    const now = this.o.driver.now();
    switch (msg.event) {
      case 'media': {
        const payload = msg.media?.payload;
        if (typeof payload !== 'string') return this.protocolError('media without a base64 payload');
        if (!this.rxPromptOpen) {
          this.rxPromptOpen = true;
          this.o.meter.robotPromptStarted(now);
        }
        if (!this.playback.pushAudio(Buffer.from(payload, 'base64'))) {
          this.protocolError(`robot sent more than ${this.maxPlaybackBytes / 8000} s of audio ahead of playback`);
        }
        return;
      }
      case 'mark': {
        const name = msg.mark?.name;
        if (typeof name !== 'string') return this.protocolError('mark without a name');
        this.rxPromptOpen = false;
        this.playback.pushMark(name);
        return;
      }
      case 'clear': {
        this.rxPromptOpen = false;
        this.o.meter.clearReceived(now);
        for (const name of this.playback.clear()) this.sendMark(name, true);
        this.brain.cleared(now);
        return;
      }
      default:
        return this.protocolError(`unknown event ${JSON.stringify(msg.event)}`);
    }
  }

  private sendMark(name: string, dropped: boolean): void {
    this.o.meter.markEchoed(dropped);
    this.send({ event: 'mark', sequenceNumber: String(++this.sequence), streamSid: this.streamSid, mark: { name } });
  }

  private protocolError(message: string): void {
    recordError(this.o.meter.record, message);
    this.o.log.warn({ callSid: this.o.callSid }, message);
  }

  private send(msg: object): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private endStream(endedBy: EndedBy, reason: string): void {
    if (this.ended) return;
    this.send({ event: 'stop', sequenceNumber: String(++this.sequence), streamSid: this.streamSid, stop: { accountSid: this.o.accountSid, callSid: this.o.callSid } });
    this.ws.close(1000, reason);
    this.end(endedBy, { code: 1000, reason });
  }

  private fail(message: string): void {
    if (this.ended) return;
    recordError(this.o.meter.record, message);
    this.o.log.warn({ callSid: this.o.callSid }, message);
    this.ws.terminate();
    this.end('error');
  }

  private onClose(code: number, reason: string): void {
    if (this.ended) return;
    // A robot hang-up is a normal close; anything else (4401 bad token, 1006 lost) is an error.
    const normal = code === 1000 || code === 1001;
    if (!normal) recordError(this.o.meter.record, `media WebSocket closed ${code} ${reason}`);
    this.end(normal ? 'robot' : 'error', { code, reason });
  }

  private end(endedBy: EndedBy, close?: { code: number; reason: string }): void {
    this.ended = true;
    this.streaming = false;
    this.mixer.silence();
    this.o.clock.remove(this);
    this.o.meter.finish(endedBy, this.o.driver.now(), close);
    this.o.onEnd(endedBy);
  }
}
