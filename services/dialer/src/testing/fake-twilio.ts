import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { twilioSignature } from '../carrier/twilio-signature.ts';

/**
 * A local fake of the Twilio Calls API (the documented request/response shapes of
 * docs/integration.md §1–2), for adapter tests and the chaos run: it records every originate
 * request, plays each call out by a plan, and posts signed status callbacks, retrying those the
 * dialer does not acknowledge (as a carrier with callback retries would).
 */
export type CallPlan =
  | { result: 'answer'; ringMs: number; talkMs: number; answeredBy?: 'human' | 'machine_start' }
  | { result: 'busy' | 'no-answer' | 'failed'; ringMs: number };

export interface OriginateRecord {
  sid: string;
  callId: string;
  to: string;
  from: string;
  twiml: string;
  statusCallback: string;
  atMs: number;
}

interface CallState {
  rec: OriginateRecord;
  status: string;
  answeredBy: string;
  durationS: number | null;
  seq: number;
  timers: NodeJS.Timeout[];
  answeredAt: number | null;
  /** Callbacks of one call are delivered in order, each after the previous (as Twilio does). */
  delivery: Promise<void>;
}

export interface FakeTwilioOptions {
  accountSid: string;
  authToken: string;
  plan: (to: string, n: number) => CallPlan;
  port?: number;
  /** Refuse originates with this HTTP status (tests of definitive failures). */
  rejectStatus?: number;
  callbackRetryMs?: number;
  callbackGiveUpMs?: number;
}

export class FakeTwilio {
  readonly originates: OriginateRecord[] = [];
  readonly updates: { sid: string; twiml: string }[] = [];
  private readonly calls = new Map<string, CallState>();
  private server: http.Server | null = null;
  private closed = false;
  url = '';

  constructor(private readonly o: FakeTwilioOptions) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(this.o.port ?? 0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.closed = true;
    for (const c of this.calls.values()) for (const t of c.timers) clearTimeout(t);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Statuses of calls still ringing or talking. */
  liveCalls(): string[] {
    const live: string[] = [];
    for (const c of this.calls.values()) if (!['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(c.status)) live.push(c.status);
    return live;
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const expectedAuth = `Basic ${Buffer.from(`${this.o.accountSid}:${this.o.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expectedAuth) return this.json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
    const base = `/2010-04-01/Accounts/${this.o.accountSid}/Calls`;
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === `${base}.json`) {
      if (this.o.rejectStatus) return this.json(res, this.o.rejectStatus, { code: 21211, message: "The 'To' number is not valid", status: this.o.rejectStatus });
      const form = new URLSearchParams(body);
      const to = form.get('To') ?? '';
      const from = form.get('From') ?? '';
      const twiml = form.get('Twiml') ?? '';
      const statusCallback = form.get('StatusCallback') ?? '';
      if (!to || !from || !twiml) return this.json(res, 400, { code: 21201, message: 'To, From and Twiml are required', status: 400 });
      const callId = new URL(statusCallback).searchParams.get('callId') ?? '';
      const sid = `CA${crypto.randomBytes(16).toString('hex')}`;
      const rec: OriginateRecord = { sid, callId, to, from, twiml, statusCallback, atMs: Date.now() };
      this.originates.push(rec);
      const call: CallState = { rec, status: 'queued', answeredBy: '', durationS: null, seq: 0, timers: [], answeredAt: null, delivery: Promise.resolve() };
      this.calls.set(sid, call);
      this.run(call, this.o.plan(to, this.originates.filter((r) => r.to === to).length));
      return this.json(res, 201, { sid, status: 'queued', to, from, account_sid: this.o.accountSid });
    }
    const m = new RegExp(`^${base}/(CA[0-9a-f]+)\\.json$`).exec(url.pathname);
    const call = m ? this.calls.get(m[1]!) : undefined;
    if (!call) return this.json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    if (req.method === 'GET') {
      return this.json(res, 200, { sid: call.rec.sid, status: call.status, answered_by: call.answeredBy || null, duration: call.durationS === null ? null : String(call.durationS) });
    }
    const form = new URLSearchParams(body);
    this.updates.push({ sid: call.rec.sid, twiml: form.get('Twiml') ?? '' });
    if (call.status === 'in-progress') {
      for (const t of call.timers) clearTimeout(t);
      call.timers = [setTimeout(() => this.finish(call, 'completed'), 50)];
    }
    return this.json(res, 200, { sid: call.rec.sid, status: call.status });
  }

  private run(call: CallState, plan: CallPlan): void {
    const at = (ms: number, fn: () => void): void => {
      call.timers.push(setTimeout(fn, ms));
    };
    this.emit(call, 'initiated');
    at(Math.min(50, plan.ringMs / 2), () => this.emit(call, 'ringing'));
    if (plan.result === 'answer') {
      at(plan.ringMs, () => {
        call.answeredBy = plan.answeredBy ?? 'human';
        call.answeredAt = Date.now();
        this.emit(call, 'in-progress');
      });
      at(plan.ringMs + plan.talkMs, () => this.finish(call, 'completed'));
    } else {
      at(plan.ringMs, () => this.finish(call, plan.result));
    }
  }

  private finish(call: CallState, status: string): void {
    if (call.answeredAt !== null) call.durationS = Math.max(1, Math.round((Date.now() - call.answeredAt) / 1000));
    this.emit(call, status);
  }

  private emit(call: CallState, status: string): void {
    call.status = status;
    const params: Record<string, string> = {
      AccountSid: this.o.accountSid,
      CallSid: call.rec.sid,
      CallStatus: status,
      SequenceNumber: String(call.seq++),
      Timestamp: new Date().toUTCString(),
      To: call.rec.to,
      From: call.rec.from,
    };
    if (status === 'in-progress' || (status === 'completed' && call.answeredBy)) params.AnsweredBy = call.answeredBy;
    if (status === 'completed' && call.durationS !== null) params.CallDuration = String(call.durationS);
    const firstMs = Date.now();
    call.delivery = call.delivery.then(() => this.post(call.rec.statusCallback, params, firstMs));
  }

  /** Deliver one callback, retrying while the dialer is unreachable or failing (up to the give-up time). */
  private async post(url: string, params: Record<string, string>, firstMs: number): Promise<void> {
    while (!this.closed && url) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(this.o.authToken, url, params) },
          body: new URLSearchParams(params).toString(),
          signal: AbortSignal.timeout(5000),
        });
        await res.text();
        if (res.status < 500) return;
      } catch {
        // dialer down: retry below
      }
      if (Date.now() - firstMs > (this.o.callbackGiveUpMs ?? 60_000)) return;
      await new Promise((r) => setTimeout(r, this.o.callbackRetryMs ?? 500));
    }
  }
}
