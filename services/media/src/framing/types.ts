/**
 * One normalized interface for every carrier framing. An adapter is a pure translator between
 * wire messages and `CarrierEvent`s: it holds the stream's identifiers once `start` arrived, but
 * no codec state, timers or sockets, so each is tested with recorded message sequences alone.
 */

export type WireCodec = 'pcmu' | 'pcma' | 'l16' | 'opus';

export interface MediaFormat {
  codec: WireCodec;
  sampleRate: number;
  channels: number;
  /** L16 byte order on the wire (RFC 3551 L16 is big-endian; several carriers send little-endian). */
  littleEndian?: boolean;
}

export interface StreamStart {
  kind: 'start';
  /** Carrier's call id (e.g. Twilio CallSid); log correlation only. */
  carrierCallId: string;
  /** Carrier's stream id, needed to address outbound messages. */
  streamId: string;
  /** Custom parameters (Twilio `<Parameter>`s): callId, campaignId, leadId, scriptId, answeredBy... */
  parameters: Record<string, string>;
  format: MediaFormat;
}

export type CarrierEvent =
  | { kind: 'connected' }
  | StreamStart
  /** Encoded wire audio of one packet; `seq` / `timestamp` when the framing carries them. */
  | { kind: 'media'; payload: Uint8Array; seq?: number; timestamp?: number; ssrc?: number }
  /** The peer reached (or, after a clear, dropped) a mark we sent. */
  | { kind: 'mark'; name: string }
  | { kind: 'dtmf'; digit: string; durationMs?: number }
  /** The peer acknowledged a flush. */
  | { kind: 'cleared' }
  /** Flow control from the peer (Asterisk XOFF/XON). */
  | { kind: 'flow'; paused: boolean }
  | { kind: 'stop'; reason?: string }
  /** A message that could not be understood: counted and logged by the session, never thrown. */
  | { kind: 'invalid'; reason: RejectReason; detail: string };

export type RejectReason = 'not_json' | 'unknown_event' | 'missing_field' | 'bad_payload' | 'too_large' | 'unexpected_binary' | 'unexpected_text' | 'before_start' | 'bad_header';

export type OutboundMessage = string | Uint8Array;

export interface FramingAdapter {
  /** Framing name as reported in metrics and `call_started.framing`. */
  readonly name: string;
  /** True when the peer buffers playback: we send ahead and `clear` must flush the peer. */
  readonly peerBuffersPlayback: boolean;
  /**
   * Set when packets may arrive out of order, late, duplicated or not at all: media then goes
   * through a jitter buffer keyed by `seq`; `timestampUnit` says whether `timestamp` counts
   * milliseconds or codec samples (RTP).
   */
  readonly sequencing?: { timestampUnit: 'ms' | 'samples' };
  /** Audio format of outbound frames, known after `start`. */
  readonly outboundFormat: MediaFormat | undefined;
  decode(message: string | Uint8Array, isBinary: boolean): CarrierEvent[];
  /** One frame of encoded outbound audio. */
  encodeMedia(payload: Uint8Array): OutboundMessage;
  /** A named mark after queued audio, or undefined when the framing has no marks (we track them ourselves). */
  encodeMark(name: string): OutboundMessage | undefined;
  /** The peer's flush message, or undefined for self-paced framings. */
  encodeClear(): OutboundMessage | undefined;
  /** Messages to send right after a start event (e.g. a handshake), usually none. */
  handshakeReply(event: CarrierEvent): OutboundMessage[];
}
