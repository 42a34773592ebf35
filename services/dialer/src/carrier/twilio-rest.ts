import { signMediaToken } from '@voicebot/common';
import { CarrierError, type CarrierAdapter, type CarrierCallStatus, type OriginateRequest } from './carrier.ts';
import { connectStreamTwiml, playAndHangupTwiml } from './twiml.ts';

export interface TwilioRestOptions {
  /** Adapter name as campaigns select it ("simulator", "twilio"). */
  name: string;
  /** API base, e.g. http://127.0.0.1:8090 or https://api.twilio.com. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** Media service WebSocket base the carrier streams to, e.g. ws://127.0.0.1:8081. */
  mediaWsUrl: string;
  mediaTokenSecret: string;
  /** Our public base URL for status callbacks. */
  publicUrl: string;
  requestTimeoutMs: number;
  fetchImpl?: typeof fetch;
}

/** Twilio Calls API adapter (docs/integration.md §1): originate with a `<Connect><Stream>` to the media service. */
export class TwilioRestCarrier implements CarrierAdapter {
  readonly name: string;
  private readonly fetch: typeof fetch;
  private readonly auth: string;

  constructor(private readonly o: TwilioRestOptions) {
    this.name = o.name;
    this.fetch = o.fetchImpl ?? fetch;
    this.auth = `Basic ${Buffer.from(`${o.accountSid}:${o.authToken}`).toString('base64')}`;
  }

  statusCallbackUrl(callId: string): string {
    return `${this.o.publicUrl}/carrier/twilio/status?callId=${encodeURIComponent(callId)}`;
  }

  twimlFor(req: OriginateRequest): string {
    const exp = Math.floor(Date.now() / 1000) + req.timeoutS + 3600;
    const token = signMediaToken({ carrier: 'twilio', callId: req.callId, exp }, this.o.mediaTokenSecret);
    return connectStreamTwiml(`${this.o.mediaWsUrl}/twilio?token=${token}`, {
      callId: req.callId,
      campaignId: req.campaignId,
      leadId: req.leadId,
      scriptId: req.scriptId,
    });
  }

  async originate(req: OriginateRequest): Promise<{ sid: string }> {
    const form = new URLSearchParams();
    form.set('To', req.to);
    form.set('From', req.from);
    form.set('Twiml', this.twimlFor(req));
    form.set('StatusCallback', this.statusCallbackUrl(req.callId));
    for (const ev of ['initiated', 'ringing', 'answered', 'completed']) form.append('StatusCallbackEvent', ev);
    form.set('StatusCallbackMethod', 'POST');
    form.set('MachineDetection', 'Enable');
    form.set('Timeout', String(req.timeoutS));
    const body = await this.request('POST', `/2010-04-01/Accounts/${this.o.accountSid}/Calls.json`, form);
    const sid = (body as { sid?: unknown }).sid;
    if (typeof sid !== 'string' || !sid) throw new CarrierError('carrier reply has no call sid', false);
    return { sid };
  }

  async playAndHangup(sid: string, scriptId: string, promptId: string): Promise<void> {
    const form = new URLSearchParams();
    form.set('Twiml', playAndHangupTwiml(`${this.o.publicUrl}/carrier/prompt?script=${encodeURIComponent(scriptId)}&prompt=${encodeURIComponent(promptId)}`));
    const path = `/2010-04-01/Accounts/${this.o.accountSid}/Calls/${encodeURIComponent(sid)}.json`;
    try {
      await this.request('POST', path, form);
    } catch (err) {
      if (!(err instanceof CarrierError && err.definitive)) throw err;
      // A carrier that cannot redirect a live call still lets us hang up.
      await this.hangup(sid);
    }
  }

  async hangup(sid: string): Promise<void> {
    await this.request('POST', `/2010-04-01/Accounts/${this.o.accountSid}/Calls/${encodeURIComponent(sid)}.json`, new URLSearchParams({ Status: 'completed' }));
  }

  async fetchStatus(sid: string): Promise<CarrierCallStatus | null> {
    try {
      const body = (await this.request('GET', `/2010-04-01/Accounts/${this.o.accountSid}/Calls/${encodeURIComponent(sid)}.json`)) as Record<string, unknown>;
      if (typeof body.status !== 'string') return null;
      return {
        status: body.status,
        answeredBy: typeof body.answered_by === 'string' ? body.answered_by : '',
        durationS: body.duration === undefined || body.duration === null ? null : Number(body.duration),
      };
    } catch (err) {
      if (err instanceof CarrierError && err.definitive) return null;
      throw err;
    }
  }

  private async request(method: string, path: string, form?: URLSearchParams): Promise<unknown> {
    let res: Response;
    try {
      res = await this.fetch(`${this.o.baseUrl}${path}`, {
        method,
        headers: { authorization: this.auth, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), accept: 'application/json' },
        body: form?.toString(),
        signal: AbortSignal.timeout(this.o.requestTimeoutMs),
      });
    } catch (err) {
      // Timeout or connection reset: the carrier may or may not have acted.
      throw new CarrierError(`${method} ${path}: ${(err as Error).message}`, false);
    }
    const text = await res.text();
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { message: text.slice(0, 200) };
    }
    if (res.status >= 400) {
      const b = body as { code?: number; message?: string };
      throw new CarrierError(`${method} ${path}: ${res.status} ${b.code ?? ''} ${b.message ?? ''}`.trim(), res.status < 500);
    }
    return body;
  }
}
