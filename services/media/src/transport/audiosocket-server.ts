import net from 'node:net';
import type { Logger } from '@voicebot/common';
import { AS_UUID, AudioSocketAdapter, AudioSocketDecoder, encodeAudioSocketFrame, AS_HANGUP, verifyAudioSocketUuid } from '../framing/audiosocket.ts';
import type { MediaMetrics } from '../metrics.ts';
import type { CarrierTransport } from '../session/call-session.ts';
import type { ConnectionHandler, ConnectionSink } from './ws-server.ts';

/**
 * Asterisk AudioSocket listener. Bytes go through the incremental decoder; the first frame must
 * be a signed UUID (the only credential AudioSocket can carry) before a session exists.
 */
export interface AudioSocketServerOptions {
  host: string;
  port: number;
  secret: string | undefined;
  idleTimeoutS: number;
  admission(): 'draining' | 'at_capacity' | undefined;
  handler: ConnectionHandler;
  metrics: MediaMetrics;
  log: Logger;
}

export class AudioSocketServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly opts: AudioSocketServerOptions) {
    this.server = net.createServer((socket) => this.onConnection(socket));
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', (err) => reject(new Error(`cannot listen on ${this.opts.host}:${this.opts.port} (VOICEBOT_MEDIA_AUDIOSOCKET_PORT): ${err.message}`)));
      this.server.listen(this.opts.port, this.opts.host, () => {
        this.port = (this.server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  private onConnection(socket: net.Socket): void {
    const { opts } = this;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(opts.idleTimeoutS * 1000, () => socket.destroy());
    const decoder = new AudioSocketDecoder();
    let sink: ConnectionSink | undefined;
    let closed = false;
    const refuse = (reason: string, metric: string): void => {
      opts.metrics.rejectedConnections.inc({ reason: metric });
      opts.log.warn({ reason }, 'AudioSocket connection refused');
      closed = true;
      socket.end(encodeAudioSocketFrame(AS_HANGUP));
    };
    socket.on('data', (chunk: Buffer) => {
      if (closed) return;
      const { frames, error } = decoder.push(chunk);
      for (const f of frames) {
        if (!sink) {
          if (f.type !== AS_UUID) return refuse('first frame is not a UUID', 'unauthenticated');
          const auth = verifyAudioSocketUuid(f.payload, opts.secret);
          if (!auth.ok) return refuse(auth.reason, 'unauthenticated');
          const refusal = opts.admission();
          if (refusal) return refuse(refusal, refusal);
          const transport: CarrierTransport = {
            send: (m) => {
              if (closed) return false;
              socket.write(m);
              return true;
            },
            buffered: () => socket.writableLength,
            close: () => {
              if (closed) return;
              closed = true;
              socket.end(encodeAudioSocketFrame(AS_HANGUP));
            },
          };
          sink = opts.handler.open(new AudioSocketAdapter(), transport, auth.callId);
        }
        const framed = new Uint8Array(1 + f.payload.length);
        framed[0] = f.type;
        framed.set(f.payload, 1);
        try {
          sink.message(framed, true);
        } catch (err) {
          opts.log.error({ err }, 'AudioSocket handler failed; frame dropped');
        }
      }
      if (error) {
        opts.metrics.rejectedFrames.inc({ framing: 'audiosocket', reason: 'too_large' });
        opts.log.warn({ error }, 'AudioSocket stream unreadable; closing');
        closed = true;
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      closed = true;
      this.sockets.delete(socket);
      sink?.closed(1006);
    });
  }

  close(): void {
    this.server.close();
    for (const s of this.sockets) s.destroy();
  }
}
