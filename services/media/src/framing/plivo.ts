import type { CarrierEvent, FramingAdapter, MediaFormat, OutboundMessage } from './types.ts';
import { base64Bytes, num, obj, parseJson, str, stringRecord, textOf } from './json-util.ts';

/**
 * Plivo audio streams: `start` / `media` / `dtmf` / `stop` in; we send `playAudio`, `checkpoint`
 * (echoed as `playedStream` when reached) and `clearAudio` (answered by `clearedAudio`).
 * µ-law 8 kHz or L16 (little-endian) 8/16 kHz. Custom parameters come from `extra_headers`
 * ("key=value" pairs) or `start.customParameters`.
 */
const MAX_PAYLOAD_BYTES = 32000;

export class PlivoAdapter implements FramingAdapter {
  readonly name = 'plivo';
  readonly peerBuffersPlayback = true;
  private streamId = '';
  private format: MediaFormat | undefined;
  private contentType = 'audio/x-mulaw';

  get outboundFormat(): MediaFormat | undefined {
    return this.format;
  }

  decode(message: string | Uint8Array, isBinary: boolean): CarrierEvent[] {
    if (isBinary) return [{ kind: 'invalid', reason: 'unexpected_binary', detail: 'plivo sends JSON text frames only' }];
    const msg = parseJson(textOf(message));
    if (!msg) return [{ kind: 'invalid', reason: 'not_json', detail: 'message is not a JSON object' }];
    switch (str(msg.event)) {
      case 'start': {
        const start = obj(msg.start);
        const streamId = str(start?.streamId) ?? str(msg.streamId);
        if (!start || !streamId) return [{ kind: 'invalid', reason: 'missing_field', detail: 'start: no start.streamId' }];
        if (this.format) return [{ kind: 'invalid', reason: 'unknown_event', detail: 'start: stream already started' }];
        const mf = obj(start.mediaFormat);
        const encoding = (str(mf?.encoding) ?? 'audio/x-mulaw').toLowerCase();
        const rate = num(mf?.sampleRate) ?? 8000;
        let format: MediaFormat | undefined;
        if (encoding === 'audio/x-mulaw' && rate === 8000) format = { codec: 'pcmu', sampleRate: 8000, channels: 1 };
        else if (encoding === 'audio/x-l16' && (rate === 8000 || rate === 16000)) format = { codec: 'l16', sampleRate: rate, channels: 1, littleEndian: true };
        if (!format) return [{ kind: 'invalid', reason: 'bad_payload', detail: `start: unsupported mediaFormat ${JSON.stringify(mf ?? null)}` }];
        this.streamId = streamId;
        this.format = format;
        this.contentType = encoding;
        const parameters = { ...parseExtraHeaders(str(msg.extra_headers) ?? str(msg.extraHeaders)), ...stringRecord(start.customParameters) };
        return [{ kind: 'start', carrierCallId: str(start.callId) ?? '', streamId, parameters, format }];
      }
      case 'media': {
        if (!this.format) return [{ kind: 'invalid', reason: 'before_start', detail: 'media before start' }];
        const media = obj(msg.media);
        const payload = base64Bytes(media?.payload, MAX_PAYLOAD_BYTES);
        if (!payload) return [{ kind: 'invalid', reason: 'bad_payload', detail: 'media.payload is not base64 audio of an acceptable size' }];
        return [{ kind: 'media', payload, seq: num(media?.chunk) ?? num(msg.sequenceNumber), timestamp: num(media?.timestamp) }];
      }
      case 'dtmf': {
        const digit = str(obj(msg.dtmf)?.digit) ?? str(msg.digit);
        if (!digit || !/^[0-9*#A-D]$/.test(digit)) return [{ kind: 'invalid', reason: 'bad_payload', detail: 'dtmf: bad digit' }];
        return [{ kind: 'dtmf', digit }];
      }
      case 'playedStream': {
        const name = str(msg.name);
        return name === undefined ? [{ kind: 'invalid', reason: 'missing_field', detail: 'playedStream: no name' }] : [{ kind: 'mark', name }];
      }
      case 'clearedAudio':
        return [{ kind: 'cleared' }];
      case 'stop':
        return [{ kind: 'stop' }];
      default:
        return [{ kind: 'invalid', reason: 'unknown_event', detail: `unknown event ${JSON.stringify(msg.event ?? null).slice(0, 40)}` }];
    }
  }

  encodeMedia(payload: Uint8Array): OutboundMessage {
    return JSON.stringify({
      event: 'playAudio',
      media: { contentType: this.contentType, sampleRate: this.format?.sampleRate ?? 8000, payload: Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('base64') },
    });
  }

  encodeMark(name: string): OutboundMessage {
    return JSON.stringify({ event: 'checkpoint', streamId: this.streamId, name });
  }

  encodeClear(): OutboundMessage {
    return JSON.stringify({ event: 'clearAudio', streamId: this.streamId });
  }

  handshakeReply(): OutboundMessage[] {
    return [];
  }
}

/** "X-PH-callId=abc,X-PH-scriptId=loan-zh" or "callId=abc;scriptId=x" → {callId, scriptId}. */
export function parseExtraHeaders(spec: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!spec) return out;
  for (const part of spec.split(/[,;]/)) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const key = part.slice(0, i).trim().replace(/^X-PH-/i, '');
    if (key) out[key] = part.slice(i + 1).trim();
  }
  return out;
}
