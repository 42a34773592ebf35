import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Serves one PGlite database to many `pg` clients over the Postgres wire protocol.
 *
 * PGlite is a single backend session, so clients must take turns. `@electric-sql/pglite-socket`
 * (0.2.x) interleaves clients message by message, which breaks the extended query protocol: one
 * client's Parse can land between another's Parse and Bind, and the Bind then fails ("bind message
 * supplies 1 parameters, but prepared statement requires 10") — seen in the demo campaign with
 * three services sharing the store. Here a client holds the session from the first message of a
 * unit (simple Query, or Parse…Sync) to its end, and for as long as it keeps a transaction open.
 */

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const MAX_MESSAGE = 64 * 1024 * 1024;

/** Splits a client byte stream into whole protocol messages (startup messages have no type byte). */
export class ClientMessageSplitter {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;

  push(chunk: Buffer): { messages: Buffer[]; error?: string } {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const messages: Buffer[] = [];
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) break;
        const len = this.buffer.readInt32BE(0);
        if (len < 8 || len > 10_000) return { messages, error: `bad startup packet length ${len}` };
        if (this.buffer.length < len) break;
        const code = this.buffer.readInt32BE(4);
        if (code === PROTOCOL_3) this.started = true;
        messages.push(this.buffer.subarray(0, len));
        this.buffer = this.buffer.subarray(len);
        continue;
      }
      if (this.buffer.length < 5) break;
      const len = this.buffer.readInt32BE(1);
      if (len < 4 || len > MAX_MESSAGE) return { messages, error: `bad message length ${len}` };
      if (this.buffer.length < len + 1) break;
      messages.push(this.buffer.subarray(0, len + 1));
      this.buffer = this.buffer.subarray(len + 1);
    }
    return { messages };
  }
}

/** The message ends a unit of work after which another client may use the session. */
function endsUnit(msg: Buffer, startupDone: boolean): boolean {
  if (!startupDone) return true;
  const type = String.fromCharCode(msg[0]!);
  return type === 'S' || type === 'Q' || type === 'X';
}

class SessionLock {
  private owner: object | null = null;
  private readonly waiters: { who: object; resolve: () => void }[] = [];

  async acquire(who: object): Promise<void> {
    if (this.owner === who) return;
    if (this.owner === null) {
      this.owner = who;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push({ who, resolve }));
  }

  release(who: object): void {
    if (this.owner !== who) return;
    const next = this.waiters.shift();
    this.owner = next ? next.who : null;
    next?.resolve();
  }

  drop(who: object): void {
    const i = this.waiters.findIndex((w) => w.who === who);
    if (i >= 0) this.waiters.splice(i, 1);
  }

  holds(who: object): boolean {
    return this.owner === who;
  }
}

export interface PgliteWireServer {
  port: number;
  stop(): Promise<void>;
}

export async function servePglite(db: PGlite, host: string, port: number): Promise<PgliteWireServer> {
  const lock = new SessionLock();
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const me = {};
    const splitter = new ClientMessageSplitter();
    const pending: Buffer[] = [];
    let pumping = false;
    let startupDone = false;
    let closed = false;

    const pump = async (): Promise<void> => {
      if (pumping) return;
      pumping = true;
      try {
        while (pending.length && !closed) {
          const msg = pending.shift()!;
          if (!startupDone && msg.length === 8) {
            const code = msg.readInt32BE(4);
            if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
              socket.write('N');
              continue;
            }
            if (code === CANCEL_REQUEST) {
              socket.end();
              return;
            }
          }
          await lock.acquire(me);
          if (closed) break;
          const isStartup = !startupDone;
          await db.runExclusive(() =>
            db.execProtocolRawStream(new Uint8Array(msg.buffer, msg.byteOffset, msg.length), {
              onRawData: (data) => {
                if (!closed && data.length) socket.write(Buffer.from(data));
              },
            }),
          );
          if (isStartup && msg.readInt32BE(4) === PROTOCOL_3) startupDone = true;
          if (endsUnit(msg, !isStartup) && !db.isInTransaction()) lock.release(me);
        }
      } catch {
        socket.destroy();
      } finally {
        pumping = false;
      }
    };

    socket.on('data', (chunk: Buffer) => {
      const { messages, error } = splitter.push(chunk);
      pending.push(...messages);
      if (error) {
        socket.destroy();
        return;
      }
      void pump();
    });
    const cleanup = async (): Promise<void> => {
      if (closed) return;
      closed = true;
      sockets.delete(socket);
      lock.drop(me);
      if (lock.holds(me)) {
        // A client that vanished mid-transaction must not keep the session locked or half-written.
        if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => undefined);
        lock.release(me);
      }
    };
    socket.on('close', () => void cleanup());
    socket.on('error', () => void cleanup());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
