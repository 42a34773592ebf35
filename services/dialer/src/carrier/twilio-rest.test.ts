import { afterEach, describe, expect, it } from 'vitest';
import { verifyMediaToken } from '@voicebot/common';
import { FakeTwilio } from '../testing/fake-twilio.ts';
import { CarrierError } from './carrier.ts';
import { TwilioRestCarrier } from './twilio-rest.ts';
import { twilioSignature, verifyTwilioSignature } from './twilio-signature.ts';

describe('Twilio request signature', () => {
  // Twilio's documented example (https://www.twilio.com/docs/usage/security#validating-requests).
  const token = '12345';
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
  it('matches the documented example', () => {
    expect(twilioSignature(token, url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });
  it('rejects a changed parameter, URL or token', () => {
    const sig = twilioSignature(token, url, params);
    expect(verifyTwilioSignature(token, url, params, sig)).toBe(true);
    expect(verifyTwilioSignature(token, url, { ...params, Digits: '9' }, sig)).toBe(false);
    expect(verifyTwilioSignature(token, `${url}&x=1`, params, sig)).toBe(false);
    expect(verifyTwilioSignature('other', url, params, sig)).toBe(false);
    expect(verifyTwilioSignature(token, url, params, '')).toBe(false);
  });
});

describe('TwilioRestCarrier against the fake Calls API', () => {
  let fake: FakeTwilio;
  afterEach(async () => fake?.stop());

  const opts = (baseUrl: string, authToken = 'tok') => ({
    name: 'simulator',
    baseUrl,
    accountSid: 'ACtest',
    authToken,
    mediaWsUrl: 'ws://127.0.0.1:8081',
    mediaTokenSecret: 'secret',
    publicUrl: 'http://127.0.0.1:9462',
    requestTimeoutMs: 2000,
  });
  const req = { callId: 'call-1', campaignId: 'c1', leadId: 'l1', scriptId: 'loan-zh', to: '+8613800000000', from: '+861085550100', timeoutS: 25 };

  it('originates with the documented form fields and a media token bound to the call', async () => {
    fake = new FakeTwilio({ accountSid: 'ACtest', authToken: 'tok', plan: () => ({ result: 'busy', ringMs: 10_000 }) });
    const carrier = new TwilioRestCarrier(opts(await fake.start()));
    const { sid } = await carrier.originate(req);
    expect(sid).toMatch(/^CA[0-9a-f]{32}$/);
    const rec = fake.originates[0]!;
    expect(rec).toMatchObject({ to: req.to, from: req.from, callId: 'call-1', statusCallback: 'http://127.0.0.1:9462/carrier/twilio/status?callId=call-1' });
    const token = /token=([^"&]+)/.exec(rec.twiml)![1]!;
    const check = verifyMediaToken(token, { twilio: 'secret' });
    expect(check.ok && check.claims.callId).toBe('call-1');
    for (const p of ['callId" value="call-1', 'campaignId" value="c1', 'leadId" value="l1', 'scriptId" value="loan-zh']) expect(rec.twiml).toContain(p);
  });

  it('a 4xx is a definitive failure, a dead carrier is not', async () => {
    fake = new FakeTwilio({ accountSid: 'ACtest', authToken: 'tok', plan: () => ({ result: 'busy', ringMs: 10 }), rejectStatus: 400 });
    const carrier = new TwilioRestCarrier(opts(await fake.start()));
    await expect(carrier.originate(req)).rejects.toMatchObject({ definitive: true });
    await expect(new TwilioRestCarrier(opts(fake.url, 'wrong')).originate(req)).rejects.toThrow(/401/);
    const dead = new TwilioRestCarrier(opts('http://127.0.0.1:9'));
    const err = await dead.originate(req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CarrierError);
    expect((err as CarrierError).definitive).toBe(false);
  });

  it('fetches a call status and hangs up when the carrier cannot redirect', async () => {
    fake = new FakeTwilio({ accountSid: 'ACtest', authToken: 'tok', plan: () => ({ result: 'answer', ringMs: 10, talkMs: 60_000 }) });
    const carrier = new TwilioRestCarrier(opts(await fake.start()));
    const { sid } = await carrier.originate(req);
    await new Promise((r) => setTimeout(r, 50));
    expect(await carrier.fetchStatus(sid)).toMatchObject({ status: 'in-progress', answeredBy: 'human' });
    await carrier.playAndHangup(sid, 'loan-zh', 'abandon');
    expect(fake.updates[0]!.twiml).toContain('<Play>http://127.0.0.1:9462/carrier/prompt?script=loan-zh&amp;prompt=abandon</Play><Hangup/>');
    expect(await carrier.fetchStatus('CA00000000000000000000000000000000')).toBeNull();
  });
});
