import { WebSocket } from 'ws';
import type { Logger } from '@voicebot/common';
import { CalleeLine, type CalleeLineOptions } from './callee-line.ts';
import type { ClockDriver, FrameClock, FrameListener } from './frame-clock.ts';
import { recordError, type EndedBy } from './measurements.ts';

/**
 * One answered call's media stream on a real socket: the simulator dials out to the Stream URL
 * and lets a CalleeLine speak the Twilio protocol, ticking it on the shared frame clock. This
 * adapter owns only the socket, the clock registration and how the stream ended.
 */
export interface MediaSessionOptions extends Omit<CalleeLineOptions, 'answeredAt'> {
  url: string;
  clock: FrameClock;
  driver: ClockDriver;
  log: Logger;
  onEnd: (endedBy: EndedBy) => void;
}

/** Above this much unsent data the far end is not reading: drop mic frames rather than queue. */
const MAX_WS_BUFFERED_BYTES = 256 * 1024;

export class MediaSession implements FrameListener {
  private readonly ws: WebSocket;
  private readonly line: CalleeLine;
  private streaming = false;
  private ended = false;

  constructor(private readonly o: MediaSessionOptions) {
    this.line = new CalleeLine({ ...o, answeredAt: o.driver.now() });
    // Robot audio arrives in small messages; anything near this size is a misbehaving peer.
    this.ws = new WebSocket(o.url, { handshakeTimeout: 5000, maxPayload: 1024 * 1024 });
    this.ws.on('open', () => {
      this.sendAll(this.line.open());
      this.streaming = true;
      o.clock.add(this);
    });
    this.ws.on('message', (data, isBinary) => {
      if (isBinary) return this.warn('binary message on a Twilio media stream');
      this.sendAll(this.line.receive(data.toString(), o.driver.now()));
    });
    this.ws.on('unexpected-response', (_req, res) => {
      this.fail(`media WebSocket upgrade refused: HTTP ${res.statusCode}`);
      res.resume();
    });
    this.ws.on('error', (err) => this.fail(`media WebSocket error: ${err.message}`));
    this.ws.on('close', (code, reason) => this.onClose(code, reason.toString()));
  }

  /** The carrier ends the stream (REST hang-up or new TwiML): `stop`, then close, as Twilio does. */
  stopStream(reason: 'carrier_hangup' | 'twiml_redirect'): void {
    if (this.ended) return;
    this.sendAll([this.line.stop()]);
    this.close('carrier', reason);
  }

  onFrame(): void {
    if (!this.streaming) return;
    const result = this.line.frame(this.o.driver.now(), this.ws.bufferedAmount <= MAX_WS_BUFFERED_BYTES);
    this.sendAll(result.out);
    if (result.hangup) this.close('callee', result.hangup);
  }

  private sendAll(messages: object[]): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    for (const m of messages) this.ws.send(JSON.stringify(m));
  }

  private close(endedBy: EndedBy, reason: string): void {
    this.ws.close(1000, reason);
    this.end(endedBy, { code: 1000, reason });
  }

  private warn(message: string): void {
    recordError(this.o.meter.record, message);
    this.o.log.warn({ callSid: this.o.callSid }, message);
  }

  private fail(message: string): void {
    if (this.ended) return;
    this.warn(message);
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
    this.o.clock.remove(this);
    this.o.meter.finish(endedBy, this.o.driver.now(), close);
    this.o.onEnd(endedBy);
  }
}
