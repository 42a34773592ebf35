import { createRequire } from 'node:module';
import type { Logger } from '@voicebot/common';
import type { TemplatedApp, WebSocket, us_listen_socket } from '@trufflesuite/uws-js-unofficial';
import type { FramingRoute } from '../framing/registry.ts';
import type { FramingAdapter, OutboundMessage } from '../framing/types.ts';
import type { MediaMetrics } from '../metrics.ts';
import type { CarrierTransport } from '../session/call-session.ts';
import { authenticate, tokenFrom } from './auth.ts';

type Uws = typeof import('@trufflesuite/uws-js-unofficial');

/**
 * Loads uWebSockets.js and refuses the JS fallback: the package silently falls back to a `ws`
 * implementation when its native binary does not load, and only the native build has `H3App`.
 */
export function loadNativeUws(): Uws {
  const uws = createRequire(import.meta.url)('@trufflesuite/uws-js-unofficial') as Uws;
  if (typeof (uws as { H3App?: unknown }).H3App !== 'function') {
    throw new Error('uWebSockets.js native binary did not load (got the JS fallback); the media service needs the native build for this Node version');
  }
  return uws;
}

export interface ConnectionHandler {
  /** A new authenticated carrier connection; returns the per-connection message sink. */
  open(adapter: FramingAdapter, transport: CarrierTransport, callId: string): ConnectionSink;
}

export interface ConnectionSink {
  message(data: string | Uint8Array, isBinary: boolean): void;
  closed(code: number): void;
}

export interface WsServerOptions {
  host: string;
  port: number;
  routes: FramingRoute[];
  secrets: Record<string, string>;
  maxFrameBytes: number;
  maxMessagesPerSecond: number;
  idleTimeoutS: number;
  maxSocketBufferBytes: number;
  /** Whether a new call may start now: undefined = yes, else the close reason. */
  admission(): 'draining' | 'at_capacity' | undefined;
  handler: ConnectionHandler;
  metrics: MediaMetrics;
  log: Logger;
}

interface UserData {
  route: FramingRoute;
  auth: ReturnType<typeof authenticate>;
  sink?: ConnectionSink;
  closed: boolean;
  tokens: number;
  lastRefill: number;
  limited: number;
}

const encoder = new TextEncoder();

export class CarrierWsServer {
  private listenSocket: us_listen_socket | undefined;
  private readonly sockets = new Set<WebSocket<UserData>>();
  port = 0;

  private constructor(private readonly uws: Uws, private readonly opts: WsServerOptions) {}

  static async start(opts: WsServerOptions): Promise<CarrierWsServer> {
    const server = new CarrierWsServer(loadNativeUws(), opts);
    await server.listen();
    return server;
  }

  private listen(): Promise<void> {
    const { uws, opts } = this;
    const app: TemplatedApp = uws.App();
    for (const route of opts.routes) {
      app.ws<UserData>(route.path, {
        maxPayloadLength: opts.maxFrameBytes,
        idleTimeout: opts.idleTimeoutS,
        maxBackpressure: opts.maxSocketBufferBytes * 2,
        closeOnBackpressureLimit: 0,
        sendPingsAutomatically: true,
        compression: uws.DISABLED,
        upgrade: (res, req, context) => {
          const token = tokenFrom(req.getQuery() ?? '', req.getHeader('authorization'));
          const requested = req.getHeader('sec-websocket-protocol');
          const protocol = route.subprotocol && requested.split(',').map((p) => p.trim()).includes(route.subprotocol) ? route.subprotocol : '';
          const data: UserData = { route, auth: authenticate(token, route.carrier, opts.secrets), closed: false, tokens: opts.maxMessagesPerSecond, lastRefill: performance.now(), limited: 0 };
          res.upgrade(data, req.getHeader('sec-websocket-key'), protocol, req.getHeader('sec-websocket-extensions'), context);
        },
        open: (ws) => this.onOpen(ws),
        message: (ws, message, isBinary) => this.onMessage(ws, message, isBinary),
        close: (ws, code) => {
          const d = ws.getUserData();
          d.closed = true;
          this.sockets.delete(ws);
          try {
            d.sink?.closed(code);
          } catch (err) {
            opts.log.error({ err }, 'close handler failed');
          }
        },
      });
    }
    app.any('/*', (res) => {
      res.writeStatus('404 Not Found').writeHeader('content-type', 'application/problem+json').end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: `WebSocket routes: ${opts.routes.map((r) => r.path).join(' ')}` }));
    });
    return new Promise((resolve, reject) => {
      app.listen(opts.host, opts.port, (socket) => {
        if (!socket) {
          reject(new Error(`cannot listen on ${opts.host}:${opts.port} (VOICEBOT_MEDIA_WS_PORT)`));
          return;
        }
        this.listenSocket = socket;
        this.port = uws.us_socket_local_port(socket);
        resolve();
      });
    });
  }

  private onOpen(ws: WebSocket<UserData>): void {
    const d = ws.getUserData();
    const { opts } = this;
    if (!d.auth.ok) {
      opts.metrics.rejectedConnections.inc({ reason: d.auth.code === 4401 ? 'unauthenticated' : 'forbidden' });
      opts.log.warn({ route: d.route.path, reason: d.auth.reason }, 'carrier connection refused');
      d.closed = true;
      ws.end(d.auth.code, d.auth.reason);
      return;
    }
    const refusal = opts.admission();
    if (refusal) {
      opts.metrics.rejectedConnections.inc({ reason: refusal });
      d.closed = true;
      // 1013 Try Again Later: the carrier (or the dialer behind it) should use another instance.
      ws.end(1013, refusal);
      return;
    }
    this.sockets.add(ws);
    const transport: CarrierTransport = {
      send: (m: OutboundMessage) => {
        if (d.closed) return false;
        const status = typeof m === 'string' ? ws.send(encoder.encode(m), false) : ws.send(m, true);
        return status !== 2;
      },
      buffered: () => (d.closed ? 0 : ws.getBufferedAmount()),
      close: (code, reason) => {
        if (d.closed) return;
        d.closed = true;
        ws.end(code, reason);
      },
    };
    d.sink = opts.handler.open(d.route.create(), transport, d.auth.claims.callId);
  }

  private onMessage(ws: WebSocket<UserData>, message: ArrayBuffer, isBinary: boolean): void {
    const d = ws.getUserData();
    if (!d.sink || d.closed) return;
    // Token bucket: a peer flooding us loses messages (counted), then the connection.
    const now = performance.now();
    const rate = this.opts.maxMessagesPerSecond;
    d.tokens = Math.min(rate, d.tokens + ((now - d.lastRefill) * rate) / 1000);
    d.lastRefill = now;
    if (d.tokens < 1) {
      this.opts.metrics.rejectedFrames.inc({ framing: d.route.carrier, reason: 'rate_limited' });
      if (++d.limited > rate) {
        d.closed = true;
        ws.end(1008, 'message rate limit exceeded');
      }
      return;
    }
    d.tokens -= 1;
    d.limited = 0;
    try {
      // The ArrayBuffer is only valid during this callback: text is copied into a string,
      // binary is viewed and must be copied by whoever keeps it.
      const data = isBinary ? new Uint8Array(message) : Buffer.from(message).toString('utf8');
      d.sink.message(data, isBinary);
    } catch (err) {
      this.opts.log.error({ err, route: d.route.path }, 'connection handler failed; message dropped');
      this.opts.metrics.rejectedFrames.inc({ framing: d.route.carrier, reason: 'handler_error' });
    }
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Stop listening (existing connections stay open). */
  stopListening(): void {
    if (this.listenSocket) this.uws.us_listen_socket_close(this.listenSocket);
    this.listenSocket = undefined;
  }

  /** Close every remaining connection. */
  closeAll(code: number, reason: string): void {
    for (const ws of [...this.sockets]) {
      const d = ws.getUserData();
      if (!d.closed) {
        d.closed = true;
        ws.end(code, reason);
      }
    }
  }
}
