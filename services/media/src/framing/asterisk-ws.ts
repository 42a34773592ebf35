import type { CarrierEvent, FramingAdapter, MediaFormat, OutboundMessage } from './types.ts';
import { num, obj, parseJson, str, stringRecord, textOf } from './json-util.ts';

/**
 * Asterisk `chan_websocket` (subprotocol `media`): binary frames are raw audio in the channel's
 * format; text frames are control messages, either JSON (`{"event":"MEDIA_START",...}`) or the
 * plain form (`MEDIA_START connection_id:x format:ulaw optimal_frame_size:160 ptime:20`).
 * We answer MEDIA_START with ANSWER + START_MEDIA_BUFFERING so Asterisk re-frames and paces our
 * audio (the peer buffers), mark prompts with MARK_MEDIA (→ MEDIA_MARK_PROCESSED), flush with
 * FLUSH_MEDIA, and obey MEDIA_XOFF / MEDIA_XON. Commands mirror the form MEDIA_START used.
 */
const FORMATS: Record<string, MediaFormat> = {
  ulaw: { codec: 'pcmu', sampleRate: 8000, channels: 1 },
  alaw: { codec: 'pcma', sampleRate: 8000, channels: 1 },
  slin: { codec: 'l16', sampleRate: 8000, channels: 1, littleEndian: true },
  slin16: { codec: 'l16', sampleRate: 16000, channels: 1, littleEndian: true },
};
const MAX_FRAME_BYTES = 32000;

/** Parse either control form into a flat record with `event`. */
export function parseAsteriskControl(text: string): { json: boolean; fields: Record<string, unknown> } | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const m = parseJson(trimmed);
    return m ? { json: true, fields: m } : undefined;
  }
  const [event, ...rest] = trimmed.split(/\s+/);
  if (!event || !/^[A-Z_]+$/.test(event)) return undefined;
  const fields: Record<string, unknown> = { event };
  for (const kv of rest) {
    const i = kv.indexOf(':');
    if (i > 0) fields[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return { json: false, fields };
}

export class AsteriskWsAdapter implements FramingAdapter {
  readonly name = 'asterisk-ws';
  readonly peerBuffersPlayback = true;
  private format: MediaFormat | undefined;
  private json = true;

  get outboundFormat(): MediaFormat | undefined {
    return this.format;
  }

  private command(name: string, extra: Record<string, string> = {}): string {
    if (this.json) return JSON.stringify({ command: name, ...extra });
    return [name, ...Object.entries(extra).map(([k, v]) => `${k}:${v}`)].join(' ');
  }

  decode(message: string | Uint8Array, isBinary: boolean): CarrierEvent[] {
    if (isBinary) {
      if (!this.format) return [{ kind: 'invalid', reason: 'before_start', detail: 'audio before MEDIA_START' }];
      const bytes = message as Uint8Array;
      const width = this.format.codec === 'l16' ? 2 : 1;
      if (bytes.length === 0 || bytes.length > MAX_FRAME_BYTES || bytes.length % width !== 0) return [{ kind: 'invalid', reason: 'bad_payload', detail: `audio frame of ${bytes.length} bytes` }];
      return [{ kind: 'media', payload: bytes }];
    }
    const ctl = parseAsteriskControl(textOf(message));
    if (!ctl) return [{ kind: 'invalid', reason: 'not_json', detail: 'control message is neither JSON nor "EVENT key:value"' }];
    const f = ctl.fields;
    switch (str(f.event)) {
      case 'MEDIA_START': {
        if (this.format) return [{ kind: 'invalid', reason: 'unknown_event', detail: 'MEDIA_START twice' }];
        const format = FORMATS[(str(f.format) ?? '').toLowerCase()];
        if (!format) return [{ kind: 'invalid', reason: 'bad_payload', detail: `unsupported format ${JSON.stringify(f.format ?? null).slice(0, 30)}` }];
        this.json = ctl.json;
        this.format = format;
        const vars = stringRecord(obj(f.channel_variables));
        const parameters: Record<string, string> = {};
        // Dialplan sets VOICEBOT_CALL_ID etc.; map VOICEBOT_FOO_BAR → fooBar.
        for (const [k, v] of Object.entries(vars)) {
          const m = /^VOICEBOT_(.+)$/.exec(k);
          if (m) parameters[m[1]!.toLowerCase().replace(/_([a-z])/g, (_x, c: string) => c.toUpperCase())] = v;
        }
        return [{ kind: 'start', carrierCallId: str(f.channel_id) ?? str(f.channel) ?? '', streamId: str(f.connection_id) ?? '', parameters, format }];
      }
      case 'MEDIA_MARK_PROCESSED': {
        const name = str(f.correlation_id);
        return name === undefined ? [{ kind: 'invalid', reason: 'missing_field', detail: 'MEDIA_MARK_PROCESSED without correlation_id' }] : [{ kind: 'mark', name }];
      }
      case 'MEDIA_XOFF':
        return [{ kind: 'flow', paused: true }];
      case 'MEDIA_XON':
        return [{ kind: 'flow', paused: false }];
      case 'DTMF_END': {
        const digit = str(f.digit);
        if (!digit || !/^[0-9*#A-D]$/.test(digit)) return [{ kind: 'invalid', reason: 'bad_payload', detail: 'DTMF_END: bad digit' }];
        return [{ kind: 'dtmf', digit, durationMs: num(f.duration_ms) }];
      }
      case 'HANGUP':
        return [{ kind: 'stop', reason: 'hangup' }];
      case 'MEDIA_BUFFERING_COMPLETED':
      case 'QUEUE_DRAINED':
      case 'STATUS':
      case 'DTMF_BEGIN':
        return [];
      default:
        return [{ kind: 'invalid', reason: 'unknown_event', detail: `unknown control ${JSON.stringify(f.event ?? null).slice(0, 40)}` }];
    }
  }

  encodeMedia(payload: Uint8Array): OutboundMessage {
    return payload;
  }

  encodeMark(name: string): OutboundMessage {
    return this.command('MARK_MEDIA', { correlation_id: name });
  }

  encodeClear(): OutboundMessage {
    return this.command('FLUSH_MEDIA');
  }

  handshakeReply(event: CarrierEvent): OutboundMessage[] {
    return event.kind === 'start' ? [this.command('ANSWER'), this.command('START_MEDIA_BUFFERING')] : [];
  }
}
