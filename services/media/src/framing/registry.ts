import { AsteriskWsAdapter } from './asterisk-ws.ts';
import { JambonzAdapter } from './jambonz.ts';
import { EXOTEL, JsonMediaStreamAdapter, TELNYX, TWILIO } from './json-media-stream.ts';
import { PlivoAdapter } from './plivo.ts';
import { RtpAdapter } from './rtp.ts';
import type { FramingAdapter } from './types.ts';
import { VonageAdapter } from './vonage.ts';

/** WebSocket routes: path → the carrier whose token secret applies and a fresh adapter per connection. */
export interface FramingRoute {
  path: string;
  carrier: string;
  /** WebSocket subprotocol the framing negotiates, if any. */
  subprotocol?: string;
  create(): FramingAdapter;
}

export const WS_ROUTES: FramingRoute[] = [
  { path: '/twilio', carrier: 'twilio', create: () => new JsonMediaStreamAdapter(TWILIO) },
  { path: '/telnyx', carrier: 'telnyx', create: () => new JsonMediaStreamAdapter(TELNYX) },
  { path: '/exotel', carrier: 'exotel', create: () => new JsonMediaStreamAdapter(EXOTEL) },
  { path: '/plivo', carrier: 'plivo', create: () => new PlivoAdapter() },
  { path: '/asterisk', carrier: 'asterisk', subprotocol: 'media', create: () => new AsteriskWsAdapter() },
  { path: '/vonage', carrier: 'vonage', create: () => new VonageAdapter() },
  { path: '/jambonz', carrier: 'jambonz', subprotocol: 'audio.jambonz.org', create: () => new JambonzAdapter() },
  { path: '/rtp', carrier: 'rtp', create: () => new RtpAdapter() },
];
