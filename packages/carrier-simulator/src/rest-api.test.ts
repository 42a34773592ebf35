import { describe, expect, it } from 'vitest';
import { handleRest, type CallControl, type CallView, type OriginateRequest, type RestRequest } from './rest-api.ts';
import type { TwimlVerb } from './twiml.ts';

const credentials = { accountSid: 'ACx', authToken: 'tok' };
const auth = `Basic ${Buffer.from('ACx:tok').toString('base64')}`;
const FORM = 'application/x-www-form-urlencoded';
const STREAM = '<Response><Connect><Stream url="ws://m/twilio"><Parameter name="callId" value="c1"/></Stream></Connect></Response>';
const SID = `CA${'0'.repeat(32)}`;

function fakeCalls() {
  const originated: OriginateRequest[] = [];
  const redirected: TwimlVerb[][] = [];
  const view: CallView = { sid: SID, to: '+1', from: '+2', status: 'queued', answeredBy: undefined, createdAt: new Date(0), durationSeconds: undefined };
  const control: CallControl = {
    originate: (r) => (originated.push(r), view),
    find: (sid) => (sid === SID ? view : undefined),
    hangup: (sid, status) => (sid !== SID ? 'not_found' : status === 'canceled' ? 'not_applicable' : 'ok'),
    redirect: (sid, verbs) => (sid !== SID ? 'not_found' : (redirected.push(verbs), 'ok')),
  };
  return { control, originated, redirected };
}

const post = (path: string, form: Record<string, string | string[]>, extra: Partial<RestRequest> = {}): RestRequest => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
  return { method: 'POST', path, authorization: auth, contentType: FORM, body: body.toString(), ...extra };
};
const CALLS = '/2010-04-01/Accounts/ACx/Calls.json';

describe('handleRest', () => {
  it('originates with the parsed stream, callback subscription, timeout and machine detection', () => {
    const f = fakeCalls();
    const r = handleRest(post(CALLS, { To: '+86 138 0000 0001', From: '+861', Twiml: STREAM, StatusCallback: 'http://d/cb', StatusCallbackEvent: ['initiated', 'answered'], MachineDetection: 'Enable', Timeout: '25' }), credentials, f.control);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ sid: SID, status: 'queued', account_sid: 'ACx', uri: `/2010-04-01/Accounts/ACx/Calls/${SID}.json` });
    expect(f.originated[0]).toEqual({
      to: '+86 138 0000 0001', from: '+861', stream: { url: 'ws://m/twilio', parameters: { callId: 'c1' } },
      statusCallback: { url: 'http://d/cb', events: new Set(['initiated', 'answered']) }, timeoutMs: 25_000, machineDetection: true,
    });
  });

  it('subscribes to completed only when no event is listed, and splits space-separated events', () => {
    const f = fakeCalls();
    handleRest(post(CALLS, { To: '+15550100', From: '+2', Twiml: STREAM, StatusCallback: 'http://d/cb' }), credentials, f.control);
    handleRest(post(CALLS, { To: '+15550100', From: '+2', Twiml: STREAM, StatusCallback: 'http://d/cb', StatusCallbackEvent: 'ringing completed' }), credentials, f.control);
    expect(f.originated.map((o) => [...o.statusCallback!.events])).toEqual([['completed'], ['ringing', 'completed']]);
    expect(f.originated[0]!.timeoutMs).toBe(60_000);
    expect(f.originated[0]!.machineDetection).toBe(false);
  });

  it.each([
    [{ authorization: undefined }, 401, 20003],
    [{ authorization: `Basic ${Buffer.from('ACx:nope').toString('base64')}` }, 401, 20003],
    [{ path: '/2010-04-01/Accounts/ACother/Calls.json' }, 404, 20404],
    [{ path: '/2010-04-01/Accounts/ACx/Queues.json' }, 404, 20404],
    [{ method: 'GET' }, 405, 20004],
    [{ contentType: 'application/json' }, 400, 20001],
  ])('refuses %j with HTTP %i / Twilio code %i', (extra, status, code) => {
    const r = handleRest(post(CALLS, { To: '+15550100', From: '+2', Twiml: STREAM }, extra as Partial<RestRequest>), credentials, fakeCalls().control);
    expect(r).toEqual({ status, body: expect.objectContaining({ code, status, more_info: `https://www.twilio.com/docs/errors/${code}` }) });
  });

  it.each([
    [{ From: '+2', Twiml: STREAM }, 21201],
    [{ To: 'call me', From: '+2', Twiml: STREAM }, 21211],
    [{ To: '+15550100', Twiml: STREAM }, 21213],
    [{ To: '+15550100', From: '+2' }, 21205],
    [{ To: '+15550100', From: '+2', Url: 'http://x/twiml' }, 21205],
    [{ To: '+15550100', From: '+2', Twiml: '<Response><Say>hi</Say></Response>' }, 12100],
    [{ To: '+15550100', From: '+2', Twiml: STREAM, StatusCallback: 'not a url' }, 21609],
    [{ To: '+15550100', From: '+2', Twiml: STREAM, StatusCallback: 'http://d', StatusCallbackMethod: 'GET' }, 21609],
    [{ To: '+15550100', From: '+2', Twiml: STREAM, StatusCallback: 'http://d', StatusCallbackEvent: 'hangup' }, 21626],
    [{ To: '+15550100', From: '+2', Twiml: STREAM, Timeout: '0' }, 21216],
    [{ To: '+15550100', From: '+2', Twiml: STREAM, MachineDetection: 'Maybe' }, 21626],
  ])('rejects originate form %j with code %i', (form, code) => {
    const r = handleRest(post(CALLS, form), credentials, fakeCalls().control);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code });
  });

  it('fetches, hangs up and redirects a call by sid', () => {
    const f = fakeCalls();
    const one = `/2010-04-01/Accounts/ACx/Calls/${SID}.json`;
    expect(handleRest({ ...post(one, {}), method: 'GET' }, credentials, f.control)).toMatchObject({ status: 200, body: { sid: SID } });
    expect(handleRest({ ...post(`/2010-04-01/Accounts/ACx/Calls/CA${'1'.repeat(32)}.json`, {}), method: 'GET' }, credentials, f.control).status).toBe(404);
    expect(handleRest(post(one, { Status: 'completed' }), credentials, f.control).status).toBe(200);
    expect(handleRest(post(one, { Status: 'canceled' }), credentials, f.control)).toMatchObject({ status: 400, body: { code: 21220 } });
    expect(handleRest(post(one, { Status: 'ringing' }), credentials, f.control)).toMatchObject({ status: 400, body: { code: 21218 } });
    expect(handleRest(post(one, { Twiml: '<Response><Play>http://d/p.wav</Play></Response>' }), credentials, f.control).status).toBe(200);
    expect(f.redirected).toEqual([[{ verb: 'Play', url: 'http://d/p.wav', loop: 1 }]]);
    expect(handleRest(post(one, { Twiml: STREAM }), credentials, f.control)).toMatchObject({ status: 400, body: { code: 12100 } });
    expect(handleRest(post(one, {}), credentials, f.control)).toMatchObject({ status: 400, body: { code: 20001 } });
  });
});
