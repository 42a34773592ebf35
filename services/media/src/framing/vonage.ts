import type { CarrierEvent, FramingAdapter, MediaFormat, OutboundMessage } from './types.ts';
import { num, parseJson, str, stringRecord, textOf } from './json-util.ts';

/**
 * Vonage Voice API WebSockets: the first text frame is `{"event":"websocket:connected",
 * "content-type":"audio/l16;rate=16000", ...headers}`, then binary 16-bit little-endian PCM in
 * 20 ms frames both ways. Vonage plays what it receives as it arrives, so we pace frames
 * ourselves and there is no flush message; DTMF arrives as `websocket:dtmf`.
 */
const MAX_FRAME_BYTES = 32000;

export class VonageAdapter implements FramingAdapter {
  readonly name = 'vonage';
  readonly peerBuffersPlayback = false;
  private format: MediaFormat | undefined;

  get outboundFormat(): MediaFormat | undefined {
    return this.format;
  }

  decode(message: string | Uint8Array, isBinary: boolean): CarrierEvent[] {
    if (isBinary) {
      if (!this.format) return [{ kind: 'invalid', reason: 'before_start', detail: 'audio before websocket:connected' }];
      const bytes = message as Uint8Array;
      if (bytes.length === 0 || bytes.length > MAX_FRAME_BYTES || bytes.length % 2 !== 0) return [{ kind: 'invalid', reason: 'bad_payload', detail: `L16 frame of ${bytes.length} bytes` }];
      return [{ kind: 'media', payload: bytes }];
    }
    const msg = parseJson(textOf(message));
    if (!msg) return [{ kind: 'invalid', reason: 'not_json', detail: 'text frame is not a JSON object' }];
    const event = str(msg.event);
    if (event === 'websocket:connected') {
      if (this.format) return [{ kind: 'invalid', reason: 'unknown_event', detail: 'connected twice' }];
      const ct = (str(msg['content-type']) ?? '').toLowerCase().replace(/\s/g, '');
      const m = /^audio\/l16;rate=(8000|16000)$/.exec(ct);
      if (!m) return [{ kind: 'invalid', reason: 'bad_payload', detail: `unsupported content-type ${JSON.stringify(ct).slice(0, 60)}` }];
      this.format = { codec: 'l16', sampleRate: Number(m[1]), channels: 1, littleEndian: true };
      const parameters = stringRecord(msg);
      delete parameters.event;
      delete parameters['content-type'];
      return [{ kind: 'start', carrierCallId: str(msg.uuid) ?? str(msg.conversation_uuid) ?? '', streamId: str(msg.uuid) ?? '', parameters, format: this.format }];
    }
    if (event === 'websocket:dtmf') {
      const digit = str(msg.digit);
      if (!digit || !/^[0-9*#A-D]$/.test(digit)) return [{ kind: 'invalid', reason: 'bad_payload', detail: 'dtmf: bad digit' }];
      return [{ kind: 'dtmf', digit, durationMs: num(msg.duration) }];
    }
    if (event === 'websocket:disconnected') return [{ kind: 'stop' }];
    return [{ kind: 'invalid', reason: 'unknown_event', detail: `unknown event ${JSON.stringify(event ?? null).slice(0, 40)}` }];
  }

  encodeMedia(payload: Uint8Array): OutboundMessage {
    return payload;
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
