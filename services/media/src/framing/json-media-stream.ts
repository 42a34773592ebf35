import type { CarrierEvent, FramingAdapter, MediaFormat, OutboundMessage, WireCodec } from './types.ts';
import { base64Bytes, num, obj, parseJson, str, stringRecord, textOf } from './json-util.ts';

/**
 * Twilio-style JSON media streams (`connected`, `start`, `media`, `mark`, `dtmf`, `stop`; we send
 * `media`, `mark`, `clear`). Twilio, Telnyx and Exotel speak the same shape with different
 * spellings, so each is a row in a dialect table rather than its own parser.
 */
export interface JsonDialect {
  name: string;
  streamIdKey: string;
  sequenceKey: string;
  callIdKeys: string[];
  parametersKey: string;
  formatKey: string;
  sampleRateKey: string;
  /** Maps the start message's encoding to a wire format (undefined = unsupported). */
  format(encoding: string | undefined, sampleRate: number | undefined, channels: number | undefined): MediaFormat | undefined;
  /** Whether outbound messages carry the stream id. */
  outboundStreamId: boolean;
  /** Media messages may arrive out of order (reordered by `chunk` in a jitter buffer). */
  unordered?: boolean;
}

const MULAW_NAMES = new Set(['audio/x-mulaw', 'pcmu', 'mulaw', 'ulaw', 'g711_ulaw']);
const ALAW_NAMES = new Set(['audio/x-alaw', 'pcma', 'alaw', 'g711_alaw']);

function commonFormat(encoding: string | undefined, sampleRate: number | undefined, channels: number | undefined): MediaFormat | undefined {
  const enc = (encoding ?? '').toLowerCase();
  const rate = sampleRate ?? 8000;
  const ch = channels ?? 1;
  if (ch !== 1) return undefined;
  let codec: WireCodec;
  if (MULAW_NAMES.has(enc)) codec = 'pcmu';
  else if (ALAW_NAMES.has(enc)) codec = 'pcma';
  else if (enc === 'l16' || enc === 'audio/l16' || enc === 'linear16') codec = 'l16';
  else if (enc === 'opus') codec = 'opus';
  else return undefined;
  if (codec !== 'opus' && rate !== 8000 && rate !== 16000) return undefined;
  return { codec, sampleRate: codec === 'opus' ? 48000 : rate, channels: 1, littleEndian: false };
}

export const TWILIO: JsonDialect = {
  name: 'twilio',
  streamIdKey: 'streamSid',
  sequenceKey: 'sequenceNumber',
  callIdKeys: ['callSid'],
  parametersKey: 'customParameters',
  formatKey: 'mediaFormat',
  sampleRateKey: 'sampleRate',
  format: (enc, rate, ch) => {
    const f = commonFormat(enc, rate, ch);
    return f && f.codec === 'pcmu' && f.sampleRate === 8000 ? f : undefined;
  },
  outboundStreamId: true,
};

export const TELNYX: JsonDialect = {
  name: 'telnyx',
  streamIdKey: 'stream_id',
  sequenceKey: 'sequence_number',
  callIdKeys: ['call_control_id', 'call_session_id'],
  parametersKey: 'custom_parameters',
  formatKey: 'media_format',
  sampleRateKey: 'sample_rate',
  format: commonFormat,
  outboundStreamId: false,
  unordered: true,
};

/** Exotel streams raw 16-bit little-endian PCM ("slin") at 8 kHz, base64 in `payload`. */
export const EXOTEL: JsonDialect = {
  name: 'exotel',
  streamIdKey: 'stream_sid',
  sequenceKey: 'sequence_number',
  callIdKeys: ['call_sid'],
  parametersKey: 'custom_parameters',
  formatKey: 'media_format',
  sampleRateKey: 'sample_rate',
  format: (_enc, rate, ch) => ((ch ?? 1) === 1 && (rate ?? 8000) === 8000 ? { codec: 'l16', sampleRate: 8000, channels: 1, littleEndian: true } : undefined),
  outboundStreamId: true,
};

/** Largest media payload we accept in one message (1 s of 16 kHz L16). */
const MAX_PAYLOAD_BYTES = 32000;

export class JsonMediaStreamAdapter implements FramingAdapter {
  readonly peerBuffersPlayback = true;
  private streamId = '';
  private format: MediaFormat | undefined;

  readonly sequencing: { timestampUnit: 'ms' } | undefined;

  constructor(private readonly dialect: JsonDialect) {
    this.sequencing = dialect.unordered ? { timestampUnit: 'ms' } : undefined;
  }

  get name(): string {
    return this.dialect.name;
  }

  get outboundFormat(): MediaFormat | undefined {
    return this.format;
  }

  decode(message: string | Uint8Array, isBinary: boolean): CarrierEvent[] {
    if (isBinary) return [{ kind: 'invalid', reason: 'unexpected_binary', detail: `${this.name} sends JSON text frames only` }];
    const msg = parseJson(textOf(message));
    if (!msg) return [{ kind: 'invalid', reason: 'not_json', detail: 'message is not a JSON object' }];
    const event = str(msg.event);
    const d = this.dialect;
    switch (event) {
      case 'connected':
        return [{ kind: 'connected' }];
      case 'start': {
        const start = obj(msg.start);
        if (!start) return [invalid('missing_field', 'start: no "start" object')];
        const streamId = str(msg[d.streamIdKey]) ?? str(start[d.streamIdKey]);
        if (!streamId) return [invalid('missing_field', `start: no ${d.streamIdKey}`)];
        const fmt = obj(start[d.formatKey]);
        const format = d.format(str(fmt?.encoding), num(fmt?.[d.sampleRateKey]), num(fmt?.channels));
        if (!format) return [invalid('bad_payload', `start: unsupported ${d.formatKey} ${JSON.stringify(fmt ?? null)}`)];
        if (this.format) return [invalid('unknown_event', 'start: stream already started')];
        this.streamId = streamId;
        this.format = format;
        const carrierCallId = d.callIdKeys.map((k) => str(start[k])).find((v) => v !== undefined) ?? '';
        return [{ kind: 'start', carrierCallId, streamId, parameters: stringRecord(start[d.parametersKey]), format }];
      }
      case 'media': {
        if (!this.format) return [invalid('before_start', 'media before start')];
        const media = obj(msg.media);
        const track = str(media?.track);
        // Twilio can fork both tracks; only the callee's (inbound) audio is ours to hear.
        if (track !== undefined && track !== 'inbound' && track !== 'inbound_track') return [];
        const payload = base64Bytes(media?.payload, MAX_PAYLOAD_BYTES);
        if (!payload) return [invalid('bad_payload', 'media.payload is not base64 audio of an acceptable size')];
        const seq = num(media?.chunk) ?? num(msg[d.sequenceKey]);
        const timestamp = num(media?.timestamp);
        return [{ kind: 'media', payload, seq, timestamp }];
      }
      case 'mark': {
        const name = str(obj(msg.mark)?.name);
        return name === undefined ? [invalid('missing_field', 'mark: no mark.name')] : [{ kind: 'mark', name }];
      }
      case 'dtmf': {
        const dtmf = obj(msg.dtmf);
        const digit = str(dtmf?.digit);
        if (!digit || !/^[0-9*#A-D]$/.test(digit)) return [invalid('bad_payload', `dtmf: bad digit ${JSON.stringify(digit ?? null)}`)];
        const duration = num(dtmf?.duration);
        return [{ kind: 'dtmf', digit, durationMs: duration }];
      }
      case 'stop':
        return [{ kind: 'stop', reason: str(obj(msg.stop)?.reason) }];
      case 'clear':
      case 'cleared':
        return [{ kind: 'cleared' }];
      default:
        return [invalid('unknown_event', `unknown event ${JSON.stringify(event ?? null).slice(0, 40)}`)];
    }
  }

  private envelope(event: string): Record<string, unknown> {
    return this.dialect.outboundStreamId ? { event, [this.dialect.streamIdKey]: this.streamId } : { event };
  }

  encodeMedia(payload: Uint8Array): OutboundMessage {
    const m = this.envelope('media');
    m.media = { payload: Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('base64') };
    return JSON.stringify(m);
  }

  encodeMark(name: string): OutboundMessage {
    const m = this.envelope('mark');
    m.mark = { name };
    return JSON.stringify(m);
  }

  encodeClear(): OutboundMessage {
    return JSON.stringify(this.envelope('clear'));
  }

  handshakeReply(): OutboundMessage[] {
    return [];
  }
}

function invalid(reason: 'missing_field' | 'bad_payload' | 'unknown_event' | 'before_start', detail: string): CarrierEvent {
  return { kind: 'invalid', reason, detail };
}
