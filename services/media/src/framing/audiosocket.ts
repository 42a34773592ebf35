import crypto from 'node:crypto';
import type { CarrierEvent, FramingAdapter, MediaFormat, OutboundMessage } from './types.ts';

/**
 * Asterisk AudioSocket over TCP: frames of `type (1 byte) | length (2 bytes, big-endian) | payload`.
 * 0x00 hang-up, 0x01 call UUID (16 bytes, first frame), 0x03 DTMF digit (1 ASCII byte),
 * 0x10 audio (signed linear 16-bit little-endian, 8 kHz), 0xff error.
 */
export const AS_HANGUP = 0x00;
export const AS_UUID = 0x01;
export const AS_DTMF = 0x03;
export const AS_AUDIO = 0x10;
export const AS_ERROR = 0xff;

export interface AudioSocketFrame {
  type: number;
  payload: Uint8Array;
}

export type DecodeResult = { frames: AudioSocketFrame[]; error?: string };

/**
 * Incremental decoder in the style of grpc-js's StreamDecoder: `push(chunk)` returns the
 * complete frames so far; an explicit read state carries partial headers and payloads across
 * TCP chunks; a frame longer than `maxPayload` is an error (the connection must close).
 */
export class AudioSocketDecoder {
  private state: 'header' | 'payload' | 'failed' = 'header';
  private header = new Uint8Array(3);
  private headerRead = 0;
  private type = 0;
  private payload = new Uint8Array(0);
  private payloadRead = 0;

  constructor(private readonly maxPayload = 4096) {}

  push(chunk: Uint8Array): DecodeResult {
    const frames: AudioSocketFrame[] = [];
    if (this.state === 'failed') return { frames, error: 'decoder already failed' };
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'header') {
        const take = Math.min(3 - this.headerRead, chunk.length - i);
        this.header.set(chunk.subarray(i, i + take), this.headerRead);
        this.headerRead += take;
        i += take;
        if (this.headerRead < 3) break;
        this.type = this.header[0]!;
        const length = (this.header[1]! << 8) | this.header[2]!;
        if (length > this.maxPayload) {
          this.state = 'failed';
          return { frames, error: `frame type 0x${this.type.toString(16)} of ${length} bytes exceeds ${this.maxPayload}` };
        }
        this.headerRead = 0;
        this.payload = new Uint8Array(length);
        this.payloadRead = 0;
        if (length === 0) {
          frames.push({ type: this.type, payload: this.payload });
          continue;
        }
        this.state = 'payload';
      }
      const take = Math.min(this.payload.length - this.payloadRead, chunk.length - i);
      this.payload.set(chunk.subarray(i, i + take), this.payloadRead);
      this.payloadRead += take;
      i += take;
      if (this.payloadRead === this.payload.length) {
        frames.push({ type: this.type, payload: this.payload });
        this.state = 'header';
      }
    }
    return { frames };
  }
}

export function encodeAudioSocketFrame(type: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(3 + payload.length);
  out[0] = type;
  out[1] = payload.length >> 8;
  out[2] = payload.length & 0xff;
  out.set(payload, 3);
  return out;
}

/**
 * AudioSocket carries nothing but a UUID, so the UUID is the credential: its first 8 bytes are
 * the call handle (the call id, as 16 hex digits) and the last 8 an HMAC-SHA256 of it under the
 * carrier secret. The dialer mints it with `mintAudioSocketUuid`.
 */
export function mintAudioSocketUuid(callIdHex: string, secret: string): Uint8Array {
  if (!/^[0-9a-f]{16}$/.test(callIdHex)) throw new Error('AudioSocket call ids are 16 lowercase hex digits');
  const handle = Buffer.from(callIdHex, 'hex');
  const mac = crypto.createHmac('sha256', secret).update(`audiosocket:${callIdHex}`).digest().subarray(0, 8);
  return new Uint8Array(Buffer.concat([handle, mac]));
}

export function verifyAudioSocketUuid(uuid: Uint8Array, secret: string | undefined): { ok: true; callId: string } | { ok: false; reason: string } {
  if (!secret) return { ok: false, reason: 'no secret for carrier audiosocket' };
  if (uuid.length !== 16) return { ok: false, reason: `UUID of ${uuid.length} bytes` };
  const callId = Buffer.from(uuid.subarray(0, 8)).toString('hex');
  const expected = crypto.createHmac('sha256', secret).update(`audiosocket:${callId}`).digest().subarray(0, 8);
  return crypto.timingSafeEqual(Buffer.from(uuid.subarray(8)), expected) ? { ok: true, callId } : { ok: false, reason: 'bad UUID signature' };
}

const FORMAT: MediaFormat = { codec: 'l16', sampleRate: 8000, channels: 1, littleEndian: true };

/** Adapter over already-delimited frames (`[type, ...payload]`), fed by the TCP server's decoder. */
export class AudioSocketAdapter implements FramingAdapter {
  readonly name = 'audiosocket';
  readonly peerBuffersPlayback = false;
  private started = false;

  get outboundFormat(): MediaFormat {
    return FORMAT;
  }

  decode(message: string | Uint8Array): CarrierEvent[] {
    if (typeof message === 'string' || message.length === 0) return [{ kind: 'invalid', reason: 'unexpected_text', detail: 'AudioSocket frames are binary' }];
    const type = message[0]!;
    const payload = message.subarray(1);
    switch (type) {
      case AS_UUID:
        if (this.started) return [{ kind: 'invalid', reason: 'unknown_event', detail: 'second UUID frame' }];
        this.started = true;
        return [{ kind: 'start', carrierCallId: Buffer.from(payload).toString('hex'), streamId: '', parameters: {}, format: FORMAT }];
      case AS_AUDIO:
        if (!this.started) return [{ kind: 'invalid', reason: 'before_start', detail: 'audio before UUID' }];
        if (payload.length === 0 || payload.length % 2 !== 0) return [{ kind: 'invalid', reason: 'bad_payload', detail: `slin frame of ${payload.length} bytes` }];
        return [{ kind: 'media', payload }];
      case AS_DTMF: {
        const digit = String.fromCharCode(payload[0] ?? 0);
        return /^[0-9*#A-D]$/.test(digit) ? [{ kind: 'dtmf', digit }] : [{ kind: 'invalid', reason: 'bad_payload', detail: 'DTMF frame without a digit' }];
      }
      case AS_HANGUP:
        return [{ kind: 'stop', reason: 'hangup' }];
      case AS_ERROR:
        return [{ kind: 'stop', reason: `error frame ${payload[0] ?? 0}` }];
      default:
        return [{ kind: 'invalid', reason: 'unknown_event', detail: `frame type 0x${type.toString(16)}` }];
    }
  }

  encodeMedia(payload: Uint8Array): OutboundMessage {
    return encodeAudioSocketFrame(AS_AUDIO, payload);
  }

  encodeMark(): undefined {
    return undefined;
  }

  encodeClear(): undefined {
    return undefined;
  }

  handshakeReply(): OutboundMessage[] {
    return [];
  }
}
