import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local fake of the Asterisk ARI surface the adapter uses (documented shapes): originate
 * (`POST /ari/channels`, 409 on a reused channelId), external media, bridges, play, hang-up,
 * channel lookup, and the `/ari/events` WebSocket with channel events.
 */
export type AriPlan = { result: 'answer'; ringMs: number; talkMs: number } | { result: 'busy' | 'no-answer'; ringMs: number };

interface Channel {
  id: string;
  state: 'Down' | 'Ringing' | 'Up';
  timers: NodeJS.Timeout[];
}

export class FakeAri {
  readonly originates: { channelId: string; endpoint: string; callerId: string; appArgs: string }[] = [];
  readonly externalMedia: { host: string; data: string; encapsulation: string }[] = [];
  readonly bridged: string[][] = [];
  readonly plays: { channel: string; media: string }[] = [];
  private readonly channels = new Map<string, Channel>();
  private readonly sockets = new Set<WebSocket>();
  private server: http.Server | null = null;
  private wss: WebSocketServer | null = null;
  private ids = 0;
  url = '';

  constructor(
    private readonly auth: { user: string; password: string },
    private readonly plan: (endpoint: string) => AriPlan,
  ) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/ari/events') || !this.authorised(req)) {
        socket.destroy();
        return;
      }
      this.wss!.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.add(ws);
        ws.on('close', () => this.sockets.delete(ws));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** Resolves once the adapter's event socket is connected. */
  async subscribed(): Promise<void> {
    while (this.sockets.size === 0) await new Promise((r) => setTimeout(r, 10));
  }

  async stop(): Promise<void> {
    for (const c of this.channels.values()) for (const t of c.timers) clearTimeout(t);
    for (const s of this.sockets) s.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private authorised(req: http.IncomingMessage): boolean {
    return req.headers.authorization === `Basic ${Buffer.from(`${this.auth.user}:${this.auth.password}`).toString('base64')}`;
  }

  private emit(ev: Record<string, unknown>): void {
    const text = JSON.stringify({ ...ev, application: 'voicebot', timestamp: new Date().toISOString() });
    for (const s of this.sockets) s.send(text);
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 204 ? undefined : JSON.stringify(body));
  }

  private destroy(ch: Channel, cause: number): void {
    for (const t of ch.timers) clearTimeout(t);
    this.channels.delete(ch.id);
    this.emit({ type: 'ChannelDestroyed', cause, channel: { id: ch.id, state: ch.state } });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!this.authorised(req)) return this.json(res, 401, { message: 'Authentication required' });
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams;
    const path = url.pathname;
    if (req.method === 'POST' && path === '/ari/channels') {
      const id = q.get('channelId') ?? `ch-${++this.ids}`;
      if (this.channels.has(id) || this.originates.some((o) => o.channelId === id)) return this.json(res, 409, { message: 'Channel with given unique ID already exists' });
      const endpoint = q.get('endpoint') ?? '';
      this.originates.push({ channelId: id, endpoint, callerId: q.get('callerId') ?? '', appArgs: q.get('appArgs') ?? '' });
      const ch: Channel = { id, state: 'Down', timers: [] };
      this.channels.set(id, ch);
      const plan = this.plan(endpoint);
      ch.timers.push(
        setTimeout(() => {
          ch.state = 'Ringing';
          this.emit({ type: 'ChannelStateChange', channel: { id, state: 'Ringing' } });
        }, 10),
      );
      if (plan.result === 'answer') {
        ch.timers.push(
          setTimeout(() => {
            ch.state = 'Up';
            this.emit({ type: 'StasisStart', args: (q.get('appArgs') ?? '').split(','), channel: { id, state: 'Up' } });
          }, plan.ringMs),
        );
        ch.timers.push(setTimeout(() => this.destroy(ch, 16), plan.ringMs + plan.talkMs));
      } else {
        ch.timers.push(setTimeout(() => this.destroy(ch, plan.result === 'busy' ? 17 : 19), plan.ringMs));
      }
      return this.json(res, 200, { id, state: 'Down', name: endpoint });
    }
    if (req.method === 'POST' && path === '/ari/channels/externalMedia') {
      const id = `media-${++this.ids}`;
      this.externalMedia.push({ host: q.get('external_host') ?? '', data: q.get('data') ?? '', encapsulation: q.get('encapsulation') ?? '' });
      return this.json(res, 200, { id, state: 'Up' });
    }
    if (req.method === 'POST' && path === '/ari/bridges') return this.json(res, 200, { id: `bridge-${++this.ids}`, bridge_type: 'mixing' });
    const add = /^\/ari\/bridges\/([^/]+)\/addChannel$/.exec(path);
    if (req.method === 'POST' && add) {
      this.bridged.push((q.get('channel') ?? '').split(','));
      return this.json(res, 204, null);
    }
    const play = /^\/ari\/channels\/([^/]+)\/play$/.exec(path);
    if (req.method === 'POST' && play) {
      const id = `pb-${++this.ids}`;
      this.plays.push({ channel: decodeURIComponent(play[1]!), media: q.get('media') ?? '' });
      setTimeout(() => this.emit({ type: 'PlaybackFinished', playback: { id, state: 'done' } }), 20);
      return this.json(res, 201, { id, state: 'queued' });
    }
    const one = /^\/ari\/channels\/([^/]+)$/.exec(path);
    const ch = one ? this.channels.get(decodeURIComponent(one[1]!)) : undefined;
    if (one && !ch) return this.json(res, 404, { message: 'Channel not found' });
    if (req.method === 'GET' && ch) return this.json(res, 200, { id: ch.id, state: ch.state });
    if (req.method === 'DELETE' && ch) {
      this.destroy(ch, 16);
      return this.json(res, 204, null);
    }
    return this.json(res, 404, { message: `no route ${req.method} ${path}` });
  }
}
