import type { CarrierEvent, FramingAdapter, MediaFormat, OutboundMessage } from './types.ts';
import { num, parseJson, str, stringRecord, textOf } from './json-util.ts';

/**
 * RTP (RFC 3550) packets in binary WebSocket frames. An optional JSON text frame first
 * (`{"event":"start","opusPayloadType":111,...parameters}`) names the call and the dynamic Opus
 * payload type; otherwise the first packet's payload type decides (0 PCMU, 8 PCMA). Packets are
 * parsed strictly; ordering, loss and duplicates are the jitter buffer's job (`rtp-jitter.ts`).
 * We pace outbound packets ourselves (RTP peers play what arrives).
 */
export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Uint8Array;
}

export type RtpParse = { ok: true; packet: RtpPacket } | { ok: false; detail: string };

export function parseRtp(buf: Uint8Array): RtpParse {
  if (buf.length < 12) return { ok: false, detail: `packet of ${buf.length} bytes is shorter than an RTP header` };
  const b0 = buf[0]!;
  if (b0 >> 6 !== 2) return { ok: false, detail: `RTP version ${b0 >> 6}` };
  const padding = (b0 & 0x20) !== 0;
  const extension = (b0 & 0x10) !== 0;
  const csrcCount = b0 & 0x0f;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let offset = 12 + csrcCount * 4;
  if (offset > buf.length) return { ok: false, detail: 'CSRC list past the end' };
  if (extension) {
    if (offset + 4 > buf.length) return { ok: false, detail: 'extension header past the end' };
    offset += 4 + view.getUint16(offset + 2) * 4;
    if (offset > buf.length) return { ok: false, detail: 'extension past the end' };
  }
  let end = buf.length;
  if (padding) {
    const pad = buf[buf.length - 1]!;
    if (pad === 0 || end - pad < offset) return { ok: false, detail: `bad padding length ${pad}` };
    end -= pad;
  }
  return {
    ok: true,
    packet: {
      payloadType: buf[1]! & 0x7f,
      marker: (buf[1]! & 0x80) !== 0,
      sequence: view.getUint16(2),
      timestamp: view.getUint32(4),
      ssrc: view.getUint32(8),
      payload: buf.subarray(offset, end),
    },
  };
}

export function buildRtp(p: Omit<RtpPacket, 'marker'> & { marker?: boolean }): Uint8Array {
  const out = new Uint8Array(12 + p.payload.length);
  const view = new DataView(out.buffer);
  out[0] = 0x80;
  out[1] = (p.marker ? 0x80 : 0) | (p.payloadType & 0x7f);
  view.setUint16(2, p.sequence & 0xffff);
  view.setUint32(4, p.timestamp >>> 0);
  view.setUint32(8, p.ssrc >>> 0);
  out.set(p.payload, 12);
  return out;
}

const STATIC: Record<number, MediaFormat> = {
  0: { codec: 'pcmu', sampleRate: 8000, channels: 1 },
  8: { codec: 'pcma', sampleRate: 8000, channels: 1 },
};

export class RtpAdapter implements FramingAdapter {
  readonly name = 'rtp';
  readonly peerBuffersPlayback = false;
  readonly sequencing = { timestampUnit: 'samples' as const };
  private format: MediaFormat | undefined;
  private opusPt = -1;
  private parameters: Record<string, string> = {};
  private inboundPt = -1;
  private readonly outSsrc = (Math.random() * 0xffffffff) >>> 0;
  private outSeq = (Math.random() * 0xffff) | 0;
  private outTs = (Math.random() * 0xffffffff) >>> 0;
  /** Outbound is always G.711 (we have no Opus encoder): PCMU unless the peer sends PCMA. */
  private outbound: MediaFormat | undefined;

  get outboundFormat(): MediaFormat | undefined {
    return this.outbound;
  }

  decode(message: string | Uint8Array, isBinary: boolean): CarrierEvent[] {
    if (!isBinary) {
      const msg = parseJson(textOf(message));
      if (!msg || str(msg.event) !== 'start') return [{ kind: 'invalid', reason: msg ? 'unknown_event' : 'not_json', detail: 'only a JSON start message may be text' }];
      if (this.format) return [{ kind: 'invalid', reason: 'unknown_event', detail: 'start after media began' }];
      const pt = num(msg.opusPayloadType);
      if (pt !== undefined && (pt < 96 || pt > 127)) return [{ kind: 'invalid', reason: 'bad_payload', detail: `opusPayloadType ${pt} is not dynamic` }];
      this.opusPt = pt ?? -1;
      this.parameters = stringRecord(msg);
      delete this.parameters.event;
      return [];
    }
    const parsed = parseRtp(message as Uint8Array);
    if (!parsed.ok) return [{ kind: 'invalid', reason: 'bad_header', detail: parsed.detail }];
    const p = parsed.packet;
    const events: CarrierEvent[] = [];
    if (!this.format) {
      const format = STATIC[p.payloadType] ?? (p.payloadType === this.opusPt ? { codec: 'opus' as const, sampleRate: 48000, channels: 1 } : undefined);
      if (!format) return [{ kind: 'invalid', reason: 'bad_payload', detail: `payload type ${p.payloadType} not negotiated` }];
      this.format = format;
      this.inboundPt = p.payloadType;
      this.outbound = format.codec === 'pcma' ? STATIC[8] : STATIC[0];
      events.push({ kind: 'start', carrierCallId: String(p.ssrc), streamId: String(p.ssrc), parameters: this.parameters, format });
    } else if (p.payloadType !== this.inboundPt) {
      // Comfort noise (13) and telephone-event (101...) are not audio for us.
      return [{ kind: 'invalid', reason: 'bad_payload', detail: `payload type ${p.payloadType} mid-stream` }];
    }
    events.push({ kind: 'media', payload: p.payload, seq: p.sequence, timestamp: p.timestamp, ssrc: p.ssrc } as CarrierEvent);
    return events;
  }

  encodeMedia(payload: Uint8Array): OutboundMessage {
    const pt = this.outbound?.codec === 'pcma' ? 8 : 0;
    const pkt = buildRtp({ payloadType: pt, sequence: this.outSeq, timestamp: this.outTs, ssrc: this.outSsrc, payload });
    this.outSeq = (this.outSeq + 1) & 0xffff;
    this.outTs = (this.outTs + payload.length) >>> 0;
    return pkt;
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
