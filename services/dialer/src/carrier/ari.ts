import WebSocket from 'ws';
import type { Logger } from '@voicebot/common';
import type { StatusUpdate } from '../store/attempts.ts';
import { CarrierError, type CarrierAdapter, type CarrierCallStatus, type OriginateRequest } from './carrier.ts';
import { translateAriEvent, type AriEvent } from './ari-events.ts';

export interface AriOptions {
  /** http://host:8088 (the adapter adds /ari). */
  baseUrl: string;
  user: string;
  password: string;
  app: string;
  /** Dial string with {to}, e.g. PJSIP/{to}@trunk. */
  endpointTemplate: string;
  /** host:port of the media service's AudioSocket listener (external media). */
  mediaHost: string;
  requestTimeoutMs: number;
  log: Logger;
  /** Where call statuses go (the dialer's status pipeline). */
  onStatus: (u: StatusUpdate) => Promise<unknown>;
  now?: () => number;
}

/**
 * Asterisk ARI adapter: originate a channel into our Stasis app with `channelId = callId` (ARI
 * refuses a second channel with the same id, so a retried request cannot dial twice); when the
 * callee answers, bridge the channel with an external-media (AudioSocket) channel to the media
 * service; translate channel events into call statuses.
 */
export class AriCarrier implements CarrierAdapter {
  readonly name = 'ari';
  private ws: WebSocket | null = null;
  private closed = false;
  private readonly answered = new Set<string>();
  private readonly hangupAfterPlayback = new Map<string, string>();
  private readonly auth: string;
  private events: Promise<void> = Promise.resolve();

  constructor(private readonly o: AriOptions) {
    this.auth = `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}`;
  }

  /** Subscribe to the app's events; reconnects until closed. */
  connect(): void {
    if (this.closed) return;
    const url = `${this.o.baseUrl.replace(/^http/, 'ws')}/ari/events?app=${encodeURIComponent(this.o.app)}&subscribeAll=false`;
    const ws = new WebSocket(url, { headers: { authorization: this.auth } });
    this.ws = ws;
    ws.on('message', (data) => {
      let ev: AriEvent;
      try {
        ev = JSON.parse(String(data)) as AriEvent;
      } catch {
        this.o.log.warn('ARI sent a non-JSON event');
        return;
      }
      // In order: a hang-up must never overtake the answer it follows.
      this.events = this.events.then(() => this.onEvent(ev)).catch((err: unknown) => this.o.log.error({ err, type: ev.type }, 'ARI event handling failed'));
    });
    ws.on('error', (err) => this.o.log.warn({ err: err.message }, 'ARI event socket error'));
    ws.on('close', () => {
      if (!this.closed) setTimeout(() => this.connect(), 1000).unref();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.ws?.close();
  }

  private async onEvent(ev: AriEvent): Promise<void> {
    if (ev.type === 'PlaybackFinished' && ev.playback) {
      const channel = this.hangupAfterPlayback.get(ev.playback.id);
      if (channel) {
        this.hangupAfterPlayback.delete(ev.playback.id);
        await this.request('DELETE', `/channels/${encodeURIComponent(channel)}`).catch(() => undefined);
      }
      return;
    }
    const s = translateAriEvent(ev, (id) => this.answered.has(id));
    if (!s) return;
    const answeredNow = s.status === 'in-progress' && !this.answered.has(s.callId);
    if (s.status === 'in-progress' && !answeredNow) return;
    if (answeredNow) this.answered.add(s.callId);
    if (s.status !== 'ringing' && s.status !== 'in-progress') this.answered.delete(s.callId);
    await this.o.onStatus({
      callId: s.callId,
      sid: s.callId,
      status: s.status,
      answeredBy: s.status === 'in-progress' ? 'human' : '',
      durationS: null,
      // ARI has no per-call sequence numbers; events arrive in order and states only move forward.
      sequence: null,
      nowMs: (this.o.now ?? Date.now)(),
    });
    if (answeredNow) await this.bridgeToMedia(s.callId);
  }

  /** Connect the answered channel to the media service over AudioSocket (uuid = call id). */
  private async bridgeToMedia(callId: string): Promise<void> {
    const q = new URLSearchParams({
      app: this.o.app,
      appArgs: 'media',
      external_host: this.o.mediaHost,
      format: 'ulaw',
      encapsulation: 'audiosocket',
      transport: 'tcp',
      data: callId,
    });
    const media = (await this.request('POST', `/channels/externalMedia?${q}`)) as { id?: string };
    const bridge = (await this.request('POST', `/bridges?type=mixing`)) as { id?: string };
    if (!media.id || !bridge.id) throw new CarrierError('ARI returned no channel or bridge id', false);
    await this.request('POST', `/bridges/${encodeURIComponent(bridge.id)}/addChannel?channel=${encodeURIComponent(`${callId},${media.id}`)}`);
  }

  async originate(req: OriginateRequest): Promise<{ sid: string }> {
    const q = new URLSearchParams({
      endpoint: this.o.endpointTemplate.replace('{to}', req.to),
      app: this.o.app,
      appArgs: ['call', req.callId, req.campaignId, req.leadId, req.scriptId].join(','),
      callerId: req.from,
      timeout: String(req.timeoutS),
      channelId: req.callId,
    });
    try {
      await this.request('POST', `/channels?${q}`);
    } catch (err) {
      // 409: a channel with this id exists — the earlier request went through; do not dial again.
      if (err instanceof CarrierError && /\b409\b/.test(err.message)) return { sid: req.callId };
      throw err;
    }
    return { sid: req.callId };
  }

  async playAndHangup(sid: string, _scriptId: string, promptId: string): Promise<void> {
    const playback = (await this.request('POST', `/channels/${encodeURIComponent(sid)}/play?media=${encodeURIComponent(`sound:${promptId}`)}`)) as { id?: string };
    if (playback.id) this.hangupAfterPlayback.set(playback.id, sid);
    else await this.hangup(sid);
  }

  async hangup(sid: string): Promise<void> {
    await this.request('DELETE', `/channels/${encodeURIComponent(sid)}`);
  }

  async fetchStatus(sid: string): Promise<CarrierCallStatus | null> {
    try {
      const ch = (await this.request('GET', `/channels/${encodeURIComponent(sid)}`)) as { state?: string };
      if (ch.state === 'Up') return { status: 'in-progress', answeredBy: 'human', durationS: null };
      if (ch.state === 'Ringing' || ch.state === 'Ring') return { status: 'ringing', answeredBy: '', durationS: null };
      return null;
    } catch (err) {
      // A channel that no longer exists has ended, but ARI cannot say how.
      if (err instanceof CarrierError && err.definitive) return null;
      throw err;
    }
  }

  private async request(method: string, path: string): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.o.baseUrl}/ari${path}`, { method, headers: { authorization: this.auth }, signal: AbortSignal.timeout(this.o.requestTimeoutMs) });
    } catch (err) {
      throw new CarrierError(`ARI ${method} ${path}: ${(err as Error).message}`, false);
    }
    const text = await res.text();
    if (res.status >= 400) throw new CarrierError(`ARI ${method} ${path}: ${res.status} ${text.slice(0, 200)}`, res.status < 500);
    return text ? JSON.parse(text) : {};
  }
}
