import WebSocket from 'ws';
import { encodeMulaw } from '../src/codec/g711.ts';

/**
 * A Twilio media-stream peer for tests and benches: sends connected/start, streams µ-law frames
 * in real time, buffers and "plays" what it receives, honours clear and echoes marks.
 */
export interface PeerLog {
  mediaFrames: number;
  marks: string[];
  clears: number[];
  closeCode?: number;
  closeReason?: string;
}

export class TwilioPeer {
  readonly ws: WebSocket;
  readonly log: PeerLog = { mediaFrames: 0, marks: [], clears: [] };
  /** Marks waiting for their audio to "play" (peer-side buffer). */
  private buffered: Array<{ kind: 'media' } | { kind: 'mark'; name: string }> = [];
  private playTimer: NodeJS.Timeout | undefined;
  private chunk = 0;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Last robot frame played (µ-law bytes), for echo simulation. */
  lastPlayed: Buffer | undefined;

  constructor(url: string, private readonly streamSid = `MZ${Math.random().toString(16).slice(2, 10)}`) {
    this.ws = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      this.ws.once('close', (code, reason) => {
        this.log.closeCode = code;
        this.log.closeReason = reason.toString();
        clearInterval(this.playTimer);
        resolve({ code, reason: reason.toString() });
      });
    });
    this.ws.on('message', (data) => this.onMessage(JSON.parse(data.toString()) as { event: string; media?: { payload: string }; mark?: { name: string } }));
    // Play one buffered 20 ms frame per tick, like a carrier's jitter-free playout.
    this.playTimer = setInterval(() => this.playOne(), 20);
  }

  private onMessage(m: { event: string; media?: { payload: string }; mark?: { name: string } }): void {
    if (m.event === 'media') {
      this.log.mediaFrames++;
      this.buffered.push({ kind: 'media' });
      this.lastPlayedQueue.push(Buffer.from(m.media!.payload, 'base64'));
    } else if (m.event === 'mark') this.buffered.push({ kind: 'mark', name: m.mark!.name });
    else if (m.event === 'clear') {
      this.log.clears.push(performance.now());
      // Drop buffered audio at once; echo back the marks dropped with it.
      for (const b of this.buffered) if (b.kind === 'mark') this.sendJson({ event: 'mark', streamSid: this.streamSid, mark: { name: b.name } });
      this.buffered = [];
      this.lastPlayedQueue = [];
    }
  }

  private lastPlayedQueue: Buffer[] = [];

  private playOne(): void {
    this.lastPlayed = undefined;
    while (this.buffered.length) {
      const b = this.buffered.shift()!;
      if (b.kind === 'mark') {
        this.log.marks.push(b.name);
        this.sendJson({ event: 'mark', streamSid: this.streamSid, mark: { name: b.name } });
        continue;
      }
      this.lastPlayed = this.lastPlayedQueue.shift();
      break;
    }
  }

  sendJson(m: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }

  start(parameters: Record<string, string>): void {
    this.sendJson({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    this.sendJson({
      event: 'start',
      sequenceNumber: '1',
      streamSid: this.streamSid,
      start: { accountSid: 'ACdemo', streamSid: this.streamSid, callSid: 'CA0001', tracks: ['inbound'], mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 }, customParameters: parameters },
    });
  }

  /** Send one 20 ms frame of 8 kHz float audio. */
  sendFrame(samples8k: Float32Array): void {
    const pcm = new Int16Array(samples8k.length);
    for (let i = 0; i < pcm.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(samples8k[i]! * 32767)));
    this.chunk++;
    this.sendJson({ event: 'media', sequenceNumber: String(this.chunk + 1), streamSid: this.streamSid, media: { track: 'inbound', chunk: String(this.chunk), timestamp: String(this.chunk * 20), payload: Buffer.from(encodeMulaw(pcm)).toString('base64') } });
  }

  stop(): void {
    this.sendJson({ event: 'stop', sequenceNumber: '999', streamSid: this.streamSid, stop: { accountSid: 'ACdemo', callSid: 'CA0001' } });
    this.ws.close(1000);
  }
}
