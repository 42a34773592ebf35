import type { CarrierEvent, FramingAdapter, MediaFormat, OutboundMessage } from './types.ts';
import { num, obj, parseJson, str, stringRecord, textOf } from './json-util.ts';

/**
 * jambonz `listen` (subprotocol `audio.jambonz.org`): a JSON metadata text frame first, then
 * binary L16 little-endian frames at the metadata's sample rate. With bidirectional streaming
 * audio we send binary L16 back, `{"type":"mark"}` (answered with a mark event whose `event` is
 * `playout` or `cleared`) and `{"type":"killAudio"}` to flush.
 */
const MAX_FRAME_BYTES = 32000;

export class JambonzAdapter implements FramingAdapter {
  readonly name = 'jambonz';
  readonly peerBuffersPlayback = true;
  private format: MediaFormat | undefined;

  get outboundFormat(): MediaFormat | undefined {
    return this.format;
  }

  decode(message: string | Uint8Array, isBinary: boolean): CarrierEvent[] {
    if (isBinary) {
      if (!this.format) return [{ kind: 'invalid', reason: 'before_start', detail: 'audio before the metadata frame' }];
      const bytes = message as Uint8Array;
      if (bytes.length === 0 || bytes.length > MAX_FRAME_BYTES || bytes.length % 2 !== 0) return [{ kind: 'invalid', reason: 'bad_payload', detail: `L16 frame of ${bytes.length} bytes` }];
      return [{ kind: 'media', payload: bytes }];
    }
    const msg = parseJson(textOf(message));
    if (!msg) return [{ kind: 'invalid', reason: 'not_json', detail: 'text frame is not a JSON object' }];
    if (!this.format) {
      // The first text frame is the call metadata.
      const rate = num(msg.sampleRate) ?? 8000;
      if (rate !== 8000 && rate !== 16000) return [{ kind: 'invalid', reason: 'bad_payload', detail: `unsupported sampleRate ${rate}` }];
      this.format = { codec: 'l16', sampleRate: rate, channels: 1, littleEndian: true };
      const parameters = { ...stringRecord(msg.customParameters), ...stringRecord(msg.metadata) };
      if (str(msg.from)) parameters.from ??= str(msg.from)!;
      if (str(msg.to)) parameters.to ??= str(msg.to)!;
      return [{ kind: 'start', carrierCallId: str(msg.callSid) ?? '', streamId: str(msg.callSid) ?? '', parameters, format: this.format }];
    }
    const type = str(msg.type) ?? str(msg.event);
    switch (type) {
      case 'mark': {
        const data = obj(msg.data);
        const name = str(data?.name);
        return name === undefined ? [{ kind: 'invalid', reason: 'missing_field', detail: 'mark: no data.name' }] : [{ kind: 'mark', name }];
      }
      case 'dtmf': {
        const digit = str(msg.dtmf) ?? str(obj(msg.data)?.dtmf);
        if (!digit || !/^[0-9*#A-D]$/.test(digit)) return [{ kind: 'invalid', reason: 'bad_payload', detail: 'dtmf: bad digit' }];
        return [{ kind: 'dtmf', digit, durationMs: num(msg.duration) }];
      }
      case 'playDone':
      case 'playAudioDone':
        return [];
      case 'disconnect':
      case 'hangup':
        return [{ kind: 'stop' }];
      default:
        return [{ kind: 'invalid', reason: 'unknown_event', detail: `unknown message type ${JSON.stringify(type ?? null).slice(0, 40)}` }];
    }
  }

  encodeMedia(payload: Uint8Array): OutboundMessage {
    return payload;
  }

  encodeMark(name: string): OutboundMessage {
    return JSON.stringify({ type: 'mark', data: { name } });
  }

  encodeClear(): OutboundMessage {
    return JSON.stringify({ type: 'killAudio' });
  }

  handshakeReply(): OutboundMessage[] {
    return [];
  }
}
