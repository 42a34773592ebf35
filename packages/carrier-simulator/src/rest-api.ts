import http from 'node:http';
import type { CallbackEvent } from './status-callbacks.ts';
import { parseStreamTwiml, parseTwiml, TwimlError, type StreamInstruction, type TwimlVerb } from './twiml.ts';

/**
 * The Twilio Calls REST API surface the dialer uses, as pure request → response functions over
 * already-read requests: originate (`POST …/Calls.json`), fetch and hang up (`GET`/`POST
 * …/Calls/{sid}.json`). Errors are Twilio-shaped JSON `{code, message, more_info, status}`.
 */
export interface RestRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

export interface RestResponse {
  status: number;
  body: unknown;
}

export interface OriginateRequest {
  to: string;
  from: string;
  stream: StreamInstruction;
  statusCallback: { url: string; events: Set<CallbackEvent> } | undefined;
  timeoutMs: number;
  machineDetection: boolean;
}

export interface CallView {
  sid: string;
  to: string;
  from: string;
  status: string;
  answeredBy: string | undefined;
  createdAt: Date;
  durationSeconds: number | undefined;
}

export interface CallControl {
  originate(request: OriginateRequest): CallView;
  find(sid: string): CallView | undefined;
  hangup(sid: string, status: 'canceled' | 'completed'): 'ok' | 'not_found' | 'not_applicable';
  redirect(sid: string, verbs: TwimlVerb[]): 'ok' | 'not_found' | 'not_applicable';
}

export function twilioError(status: number, code: number, message: string): RestResponse {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

const CALLS = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\.json$/;
const CALL = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\/(CA[0-9a-f]{32})\.json$/;
const PHONE = /^\+?[0-9]{5,15}$/;
const EVENTS: ReadonlySet<string> = new Set(['initiated', 'ringing', 'answered', 'completed']);

export function handleRest(req: RestRequest, credentials: { accountSid: string; authToken: string }, calls: CallControl): RestResponse {
  const collection = CALLS.exec(req.path);
  const single = CALL.exec(req.path);
  const account = collection?.[1] ?? single?.[1];
  if (!account) return twilioError(404, 20404, `The requested resource ${req.path} was not found`);
  if (!authorised(req.authorization, credentials)) return twilioError(401, 20003, 'Authenticate');
  if (account !== credentials.accountSid) return twilioError(404, 20404, `The requested resource ${req.path} was not found`);
  if (collection) {
    if (req.method !== 'POST') return twilioError(405, 20004, 'Method not allowed');
    return originate(req, calls);
  }
  const sid = single![2]!;
  if (req.method === 'GET') {
    const call = calls.find(sid);
    return call ? { status: 200, body: callResource(call, account) } : twilioError(404, 20404, `The requested resource ${req.path} was not found`);
  }
  if (req.method !== 'POST') return twilioError(405, 20004, 'Method not allowed');
  const form = readForm(req);
  if ('status' in form) return form;
  const status = form.get('Status');
  const twiml = form.get('Twiml');
  let result: 'ok' | 'not_found' | 'not_applicable';
  if (status !== null) {
    if (status !== 'canceled' && status !== 'completed') return twilioError(400, 21218, `Status must be canceled or completed, got ${JSON.stringify(status)}`);
    result = calls.hangup(sid, status);
  } else if (twiml !== null) {
    let verbs: TwimlVerb[];
    try {
      verbs = parseTwiml(twiml);
    } catch (err) {
      if (err instanceof TwimlError) return twilioError(400, 12100, `Document parse failure: ${err.message}`);
      throw err;
    }
    if (verbs.some((v) => v.verb === 'Stream')) return twilioError(400, 12100, 'Document parse failure: a live call cannot be connected to a second <Stream> here');
    result = calls.redirect(sid, verbs);
  } else if (form.has('Url')) {
    return twilioError(400, 21205, 'This carrier only executes inline Twiml; Url is not supported');
  } else {
    return twilioError(400, 20001, 'Status or Twiml is required');
  }
  if (result === 'not_found') return twilioError(404, 20404, `The requested resource ${req.path} was not found`);
  if (result === 'not_applicable') return twilioError(400, 21220, 'Call is not in-progress. Cannot redirect.');
  return { status: 200, body: callResource(calls.find(sid)!, account) };
}

function originate(req: RestRequest, calls: CallControl): RestResponse {
  const form = readForm(req);
  if ('status' in form) return form;
  const to = form.get('To')?.trim();
  const from = form.get('From')?.trim();
  if (!to) return twilioError(400, 21201, "No 'To' number is specified");
  if (!PHONE.test(to.replace(/[\s()-]/g, ''))) return twilioError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
  if (!from) return twilioError(400, 21213, "No 'From' number is specified");
  const twiml = form.get('Twiml');
  if (!twiml) {
    return form.has('Url')
      ? twilioError(400, 21205, 'This carrier only executes inline Twiml; Url is not supported')
      : twilioError(400, 21205, 'Twiml parameter is required');
  }
  let stream: StreamInstruction;
  try {
    stream = parseStreamTwiml(twiml);
  } catch (err) {
    if (err instanceof TwimlError) return twilioError(400, 12100, `Document parse failure: ${err.message}`);
    throw err;
  }
  const callbackUrl = form.get('StatusCallback');
  let statusCallback: OriginateRequest['statusCallback'];
  if (callbackUrl) {
    if (!/^https?:\/\//.test(callbackUrl) || !URL.canParse(callbackUrl)) return twilioError(400, 21609, `Invalid StatusCallback URL: ${callbackUrl}`);
    const method = form.get('StatusCallbackMethod') ?? 'POST';
    if (method !== 'POST') return twilioError(400, 21609, `StatusCallbackMethod ${method} is not supported (POST only)`);
    // Twilio accepts the events repeated or space-separated in one value; none listed = completed only.
    const listed = form.getAll('StatusCallbackEvent').flatMap((v) => v.split(/\s+/)).filter(Boolean);
    const unknown = listed.find((e) => !EVENTS.has(e));
    if (unknown) return twilioError(400, 21626, `Invalid StatusCallbackEvent ${unknown}`);
    statusCallback = { url: callbackUrl, events: new Set((listed.length ? listed : ['completed']) as CallbackEvent[]) };
  }
  const timeoutRaw = form.get('Timeout') ?? '60';
  const timeout = Number(timeoutRaw);
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 600) return twilioError(400, 21216, `Timeout must be an integer 1–600 seconds, got ${timeoutRaw}`);
  const amd = form.get('MachineDetection');
  if (amd !== null && amd !== 'Enable' && amd !== 'DetectMessageEnd') {
    return twilioError(400, 21626, `MachineDetection must be Enable or DetectMessageEnd, got ${amd}`);
  }
  const call = calls.originate({ to, from, stream, statusCallback, timeoutMs: timeout * 1000, machineDetection: amd === 'Enable' || amd === 'DetectMessageEnd' });
  return { status: 201, body: callResource(call, req.path.split('/')[3]!) };
}

function readForm(req: RestRequest): URLSearchParams | RestResponse {
  if (!req.contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return twilioError(400, 20001, `Content-Type must be application/x-www-form-urlencoded, got ${req.contentType ?? 'none'}`);
  }
  return new URLSearchParams(req.body);
}

function authorised(header: string | undefined, credentials: { accountSid: string; authToken: string }): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  return decoded === `${credentials.accountSid}:${credentials.authToken}`;
}

function callResource(call: CallView, accountSid: string): Record<string, unknown> {
  return {
    sid: call.sid,
    account_sid: accountSid,
    to: call.to,
    from: call.from,
    status: call.status,
    answered_by: call.answeredBy ?? null,
    direction: 'outbound-api',
    api_version: '2010-04-01',
    date_created: call.createdAt.toUTCString(),
    duration: call.durationSeconds === undefined ? null : String(call.durationSeconds),
    uri: `/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}.json`,
  };
}

const MAX_BODY_BYTES = 64 * 1024;

/** Read a Node request into a RestRequest (bounded body). */
export function readRestRequest(req: http.IncomingMessage): Promise<RestRequest | RestResponse> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (tooBig) return resolve(twilioError(413, 20001, `request body over ${MAX_BODY_BYTES} bytes`));
      resolve({
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://x').pathname,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
    });
    req.on('error', () => resolve(twilioError(400, 20001, 'request aborted')));
  });
}
