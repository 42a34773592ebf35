import { EXOTEL, JsonMediaStreamAdapter, TELNYX, TWILIO } from './json-media-stream.ts';
import type { FramingAdapter } from './types.ts';

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
];
