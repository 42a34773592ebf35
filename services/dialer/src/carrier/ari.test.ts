import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@voicebot/common';
import type { StatusUpdate } from '../store/attempts.ts';
import { waitFor } from '../testing/harness.ts';
import { FakeAri, type AriPlan } from '../testing/fake-ari.ts';
import { AriCarrier } from './ari.ts';
import { translateAriEvent } from './ari-events.ts';

describe('translateAriEvent', () => {
  const never = () => false;
  it.each([
    [{ type: 'ChannelStateChange', channel: { id: 'c', state: 'Ringing' } }, 'ringing'],
    [{ type: 'StasisStart', args: ['call', 'c'], channel: { id: 'c' } }, 'in-progress'],
    [{ type: 'ChannelDestroyed', cause: 17, channel: { id: 'c' } }, 'busy'],
    [{ type: 'ChannelDestroyed', cause: 19, channel: { id: 'c' } }, 'no-answer'],
    [{ type: 'ChannelDestroyed', cause: 34, channel: { id: 'c' } }, 'failed'],
  ])('%j → %s', (ev, status) => {
    expect(translateAriEvent(ev, never)?.status).toBe(status);
  });
  it('an answered channel that is destroyed completed; the media leg is not a call', () => {
    expect(translateAriEvent({ type: 'ChannelDestroyed', cause: 16, channel: { id: 'c' } }, () => true)?.status).toBe('completed');
    expect(translateAriEvent({ type: 'StasisStart', args: ['media'], channel: { id: 'm' } }, never)).toBeNull();
  });
});

describe('AriCarrier against a fake ARI', () => {
  let ari: FakeAri;
  let carrier: AriCarrier;
  afterEach(async () => {
    await carrier?.close();
    await ari?.stop();
  });

  async function setup(plan: (endpoint: string) => AriPlan) {
    ari = new FakeAri({ user: 'voicebot', password: 'pw' }, plan);
    await ari.start();
    const statuses: StatusUpdate[] = [];
    carrier = new AriCarrier({
      baseUrl: ari.url,
      user: 'voicebot',
      password: 'pw',
      app: 'voicebot',
      endpointTemplate: 'PJSIP/{to}@trunk',
      mediaHost: '127.0.0.1:8089',
      requestTimeoutMs: 2000,
      log: createLogger('test', 'silent'),
      onStatus: async (u) => {
        statuses.push(u);
      },
    });
    carrier.connect();
    await ari.subscribed();
    return statuses;
  }

  const req = { callId: '7b0c4a52-5a53-4f0e-9a51-0d3f0f2b8f11', campaignId: 'c', leadId: 'l', scriptId: 'loan-zh', to: '+8613800000000', from: '+861085550100', timeoutS: 30 };

  it('originates with channelId = call id, bridges the answered call to media over AudioSocket, reports statuses', async () => {
    const statuses = await setup(() => ({ result: 'answer', ringMs: 30, talkMs: 60 }));
    expect(await carrier.originate(req)).toEqual({ sid: req.callId });
    await waitFor('completed', async () => statuses.find((s) => s.status === 'completed'));
    expect(statuses.map((s) => s.status)).toEqual(['ringing', 'in-progress', 'completed']);
    expect(statuses.every((s) => s.callId === req.callId)).toBe(true);
    expect(ari.originates[0]).toMatchObject({ channelId: req.callId, endpoint: 'PJSIP/+8613800000000@trunk', callerId: '+861085550100' });
    expect(ari.externalMedia).toEqual([{ host: '127.0.0.1:8089', data: req.callId, encapsulation: 'audiosocket' }]);
    expect(ari.bridged[0]![0]).toBe(req.callId);
  });

  it('a repeated originate for the same call id does not dial again', async () => {
    await setup(() => ({ result: 'busy', ringMs: 500 }));
    await carrier.originate(req);
    expect(await carrier.originate(req)).toEqual({ sid: req.callId });
    expect(ari.originates).toHaveLength(1);
  });

  it('reports busy and no-answer from hang-up causes', async () => {
    const statuses = await setup((endpoint) => ({ result: endpoint.includes('0001') ? 'busy' : 'no-answer', ringMs: 20 }));
    await carrier.originate({ ...req, callId: 'a', to: '+8613800000001' });
    await carrier.originate({ ...req, callId: 'b', to: '+8613800000002' });
    await waitFor('both ended', async () => statuses.filter((s) => s.status !== 'ringing').length === 2);
    expect(statuses.filter((s) => s.status !== 'ringing').map((s) => [s.callId, s.status]).sort()).toEqual([
      ['a', 'busy'],
      ['b', 'no-answer'],
    ]);
  });

  it('plays the identification message then hangs up (abandoned call)', async () => {
    const statuses = await setup(() => ({ result: 'answer', ringMs: 20, talkMs: 60_000 }));
    await carrier.originate(req);
    await waitFor('answered', async () => statuses.find((s) => s.status === 'in-progress'));
    expect(await carrier.fetchStatus(req.callId)).toMatchObject({ status: 'in-progress' });
    await carrier.playAndHangup(req.callId, 'loan-zh', 'abandon');
    await waitFor('hung up', async () => statuses.find((s) => s.status === 'completed'));
    expect(ari.plays).toEqual([{ channel: req.callId, media: 'sound:abandon' }]);
    expect(await carrier.fetchStatus(req.callId)).toBeNull();
  });
});
