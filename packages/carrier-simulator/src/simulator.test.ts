import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createLogger } from '@voicebot/common';
import { mulawDecodeInto } from './audio/mulaw.ts';
import { encodeWav } from './audio/wav.ts';
import { startCarrierSimulator, type CarrierSimulator } from './index.ts';
import type { ResolvedPersona } from './personas.ts';
import { verifyTwilioSignature } from './signature.ts';

/**
 * Component tests on real sockets: the simulator against a fake media service (a scripted robot
 * on a `ws` server) and a fake dialer status-callback receiver. Assertions are on what was sent
 * and received, never on how long anything took.
 */
const AUTH = { accountSid: 'ACtest', authToken: 'test-token' };
const log = createLogger('simulator-test', 'silent');

function persona(number: string, p: Partial<ResolvedPersona>): ResolvedPersona {
  return { number, name: number, persona: 'test', carrier: { outcome: 'answer', ringMs: 50 }, turns: [], language: 'zh', seed: 1, gapMs: [50, 100], ...p };
}

interface Callback { params: Record<string, string>; valid: boolean }

async function callbackReceiver(): Promise<{ url: string; base: string; received: Callback[]; close(): Promise<void> }> {
  const received: Callback[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/prompt.wav') {
      res.writeHead(200, { 'content-type': 'audio/wav' }).end(encodeWav({ sampleRate: 8000, samples: new Int16Array(1600) }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`;
      received.push({ params: Object.fromEntries(form), valid: verifyTwilioSignature(AUTH.authToken, url, form.entries(), String(req.headers['x-twilio-signature'])) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/carrier/twilio/status`,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** µ-law tone frames standing in for a robot prompt. */
function promptAudio(frames: number): string {
  const buf = Buffer.alloc(frames * 160);
  for (let i = 0; i < buf.length; i++) buf[i] = i % 16 < 8 ? 0x20 : 0xa0;
  return buf.toString('base64');
}

type RobotEvent = Record<string, any>;

/**
 * A scripted robot: plays `prompts[0]` on start; on each echoed mark or detected end of callee
 * speech decides the next step via `script`. Records every message it got.
 */
async function fakeMedia(script: (robot: Robot, event: 'start' | 'mark' | 'speech_start' | 'speech_end', detail?: string) => void) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', r));
  const robots: Robot[] = [];
  wss.on('connection', (ws, req) => robots.push(new Robot(ws, req.url ?? '', script)));
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/twilio?token=t0k`,
    robots,
    close: () => new Promise<void>((r) => wss.close(() => r())),
  };
}

class Robot {
  readonly events: RobotEvent[] = [];
  mediaFrames = 0;
  lastMedia: { chunk: string; timestamp: string; track: string } | undefined;
  speechFrames = 0;
  closed: { code: number; reason: string } | undefined;
  private speaking = false;
  private quiet = 0;
  private readonly pcm = new Int16Array(160);

  constructor(readonly ws: WebSocket, readonly path: string, private readonly script: (robot: Robot, event: 'start' | 'mark' | 'speech_start' | 'speech_end', detail?: string) => void) {
    ws.on('message', (data) => this.onMessage(JSON.parse(data.toString()) as RobotEvent));
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  play(name: string, frames: number): void {
    this.ws.send(JSON.stringify({ event: 'media', streamSid: 'x', media: { payload: promptAudio(frames) } }));
    this.ws.send(JSON.stringify({ event: 'mark', streamSid: 'x', mark: { name } }));
  }

  clear(): void {
    this.ws.send(JSON.stringify({ event: 'clear', streamSid: 'x' }));
  }

  private onMessage(msg: RobotEvent): void {
    if (msg.event !== 'media') this.events.push(msg);
    if (msg.event === 'start') this.script(this, 'start');
    if (msg.event === 'mark') this.script(this, 'mark', msg.mark.name);
    if (msg.event !== 'media') return;
    this.mediaFrames++;
    this.lastMedia = msg.media;
    const bytes = Buffer.from(msg.media.payload, 'base64');
    mulawDecodeInto(bytes, this.pcm);
    let energy = 0;
    for (const s of this.pcm) energy += s * s;
    const loud = Math.sqrt(energy / 160) > 300;
    if (loud) this.speechFrames++;
    if (loud) this.quiet = 0;
    if (loud && !this.speaking) {
      this.speaking = true;
      this.script(this, 'speech_start');
    } else if (this.speaking && !loud && ++this.quiet >= 10) {
      this.speaking = false;
      this.script(this, 'speech_end');
    }
  }
}

async function originate(sim: CarrierSimulator, form: Record<string, string | string[]>, auth = AUTH) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
  const res = await fetch(`${sim.url}/2010-04-01/Accounts/${auth.accountSid}/Calls.json`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${auth.accountSid}:${auth.authToken}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

function twiml(url: string, callId = 'call-1'): string {
  return `<Response><Connect><Stream url="${url.replace(/&/g, '&amp;')}"><Parameter name="callId" value="${callId}"/><Parameter name="scriptId" value="loan-zh"/></Stream></Connect></Response>`;
}

const ALL_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];

function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

async function until(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(personas: ResolvedPersona[], script: Parameters<typeof fakeMedia>[0]) {
  const media = await fakeMedia(script);
  const callbacks = await callbackReceiver();
  const sim = await startCarrierSimulator({ port: 0, personas, ...AUTH, log });
  cleanups.push(media.close, callbacks.close, sim.close);
  return { media, callbacks, sim };
}

describe('carrier simulator on real sockets', () => {
  it('originates, reports signed callbacks, streams, echoes marks, and ends on the robot hang-up', async () => {
    const { media, callbacks, sim } = await setup([persona('+8613900000001', { turns: [{ say: 'keyi' }] })], (robot, event, detail) => {
      if (event === 'start') robot.play('p1', 10);
      if (event === 'speech_end') robot.play('p2', 5);
      if (event === 'mark' && detail === 'p2') robot.ws.close(1000, 'robot_hangup');
    });
    const created = await originate(sim, {
      To: '+8613900000001', From: '+861000', Twiml: twiml(media.url), StatusCallback: callbacks.url, StatusCallbackEvent: ALL_EVENTS, StatusCallbackMethod: 'POST', MachineDetection: 'Enable', Timeout: '30',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'queued', to: '+8613900000001', from: '+861000' });
    expect(created.body.sid).toMatch(/^CA[0-9a-f]{32}$/);

    await until('completed callback', () => callbacks.received.some((c) => c.params.CallStatus === 'completed'));
    expect(callbacks.received.map((c) => c.params.CallStatus)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(callbacks.received.every((c) => c.valid)).toBe(true);
    expect(callbacks.received.map((c) => c.params.SequenceNumber)).toEqual(['0', '1', '2', '3']);
    expect(callbacks.received[2]!.params.AnsweredBy).toBe('human');
    expect(callbacks.received[3]!.params.CallDuration).toMatch(/^\d+$/);
    expect(callbacks.received[0]!.params).toMatchObject({ AccountSid: 'ACtest', CallSid: created.body.sid, To: '+8613900000001', From: '+861000' });

    const robot = media.robots[0]!;
    expect(robot.path).toBe('/twilio?token=t0k');
    const [connected, start] = robot.events;
    expect(connected).toMatchObject({ event: 'connected', protocol: 'Call' });
    expect(start).toMatchObject({
      event: 'start',
      start: { callSid: created.body.sid, accountSid: 'ACtest', customParameters: { callId: 'call-1', scriptId: 'loan-zh', answeredBy: 'human' }, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } },
    });
    expect(robot.events.filter((e) => e.event === 'mark').map((e) => e.mark.name)).toEqual(['p1', 'p2']);
    expect(robot.speechFrames).toBeGreaterThan(10);
    // One 160-byte frame per chunk, 20 ms of stream time apart.
    expect(robot.lastMedia).toMatchObject({ track: 'inbound', chunk: String(robot.mediaFrames), timestamp: String((robot.mediaFrames - 1) * 20) });

    const stats = sim.stats();
    expect(stats).toMatchObject({ calls: 1, answered: 1, completed: 1, endedBy: { robot: 1 }, marks: { echoed: 2, dropped: 0 }, clears: 0, errors: { count: 0 } });
    expect(stats.records[0]).toMatchObject({ callId: 'call-1', said: [{ clip: 'keyi', text: '可以', kind: 'reply' }], promptsHeard: 2, closeCode: 1000, closeReason: 'robot_hangup' });
    expect(stats.responseLatencyMs.count).toBe(1);
    expect(stats.overlaps).toBe(0);
  });

  it('sends keypad answers as dtmf messages', async () => {
    const { media, sim } = await setup([persona('+8613900000010', { turns: [{ press: '1' }] })], (robot, event, detail) => {
      if (event === 'start') robot.play('p1', 5);
      if (event === 'mark' && detail === 'p1') setTimeout(() => robot.play('p2', 5), 1000);
      if (event === 'mark' && detail === 'p2') robot.ws.close(1000, 'robot_hangup');
    });
    await originate(sim, { To: '+8613900000010', From: '+861000', Twiml: twiml(media.url) });
    await until('call end', () => sim.stats().completed === 1);
    expect(media.robots[0]!.events.filter((e) => e.event === 'dtmf')).toMatchObject([{ dtmf: { track: 'inbound_track', digit: '1' } }]);
    expect(sim.stats().records[0]!.said).toMatchObject([{ clip: 'dtmf:1', kind: 'dtmf' }]);
    expect(sim.stats().responseLatencyMs.count).toBe(1);
  });

  it('honours clear: drops buffered robot audio, echoes the dropped mark, and measures the barge-in', async () => {
    const { media, callbacks, sim } = await setup([persona('+8613900000002', { turns: [{ interrupt: 'bu-xuyao', at: 300 }] })], (robot, event, detail) => {
      if (event === 'start') robot.play('long', 500); // 10 s, far longer than the test runs
      if (event === 'speech_start') robot.clear();
      if (event === 'speech_end') robot.play('short', 5);
      if (event === 'mark' && detail === 'short') robot.ws.close(1000, 'robot_hangup');
    });
    await originate(sim, { To: '+8613900000002', From: '+861000', Twiml: twiml(media.url), StatusCallback: callbacks.url });
    await until('call end', () => sim.stats().completed === 1);
    const robot = media.robots[0]!;
    expect(robot.events.filter((e) => e.event === 'mark').map((e) => e.mark.name)).toEqual(['long', 'short']);
    const stats = sim.stats();
    expect(stats.marks).toEqual({ echoed: 1, dropped: 1 });
    expect(stats.clears).toBe(1);
    expect(stats.bargeIns.count).toBe(1);
    expect(stats.bargeIns.unanswered).toBe(0);
    expect(stats.bargeIns.p50).toBeGreaterThanOrEqual(0);
    expect(stats.records[0]!.said).toMatchObject([{ clip: 'bu-xuyao', kind: 'interrupt' }]);
    // Without StatusCallbackEvent only `completed` is reported, as with Twilio.
    await until('callback', () => callbacks.received.length === 1);
    expect(callbacks.received.map((c) => c.params.CallStatus)).toEqual(['completed']);
  });

  it('hangs up for the callee with stop then close, and reports busy and machine outcomes', async () => {
    const { media, callbacks, sim } = await setup(
      [
        persona('+8613900000003', { hangupAfterMs: 200 }),
        persona('+8613900000004', { carrier: { outcome: 'busy', ringMs: 10 } }),
        persona('+8613900000005', { carrier: { outcome: 'machine', ringMs: 10 }, hangupAfterMs: 100 }),
      ],
      (robot, event) => event === 'start' && robot.play('p1', 50),
    );
    for (const To of ['+8613900000003', '+8613900000004', '+8613900000005']) {
      await originate(sim, { To, From: '+861000', Twiml: twiml(media.url), StatusCallback: callbacks.url, StatusCallbackEvent: 'initiated ringing answered completed', MachineDetection: 'Enable' });
    }
    await until('three calls over', () => sim.stats().active.ringing + sim.stats().active.inCall === 0 && callbacks.received.filter((c) => ['completed', 'busy'].includes(c.params.CallStatus!)).length === 3);
    await until('both streams closed', () => media.robots.length === 2 && media.robots.every((r) => r.closed));
    for (const robot of media.robots) {
      expect(robot.events.at(-1)).toMatchObject({ event: 'stop', stop: { accountSid: 'ACtest' } });
      expect(robot.closed).toEqual({ code: 1000, reason: 'callee_hangup' });
    }
    const machineStart = media.robots.map((r) => r.events[1]).find((s) => s?.start.customParameters.answeredBy === 'machine_start');
    expect(machineStart).toBeDefined();
    const stats = sim.stats();
    expect(stats).toMatchObject({ calls: 3, answered: 1, machine: 1, busy: 1, completed: 2, endedBy: { callee: 2, carrier: 1 } });
    const busy = callbacks.received.filter((c) => c.params.To === '+8613900000004').map((c) => c.params.CallStatus);
    expect(busy).toEqual(['initiated', 'busy']);
  });

  it('ends a call when the dialer hangs up over REST, with stop on the stream', async () => {
    const { media, sim } = await setup([persona('+8613900000006', {})], (robot, event) => event === 'start' && robot.play('p1', 500));
    const created = await originate(sim, { To: '+8613900000006', From: '+861000', Twiml: twiml(media.url) });
    await until('stream up', () => media.robots.length === 1 && media.robots[0]!.mediaFrames > 5);
    const res = await fetch(`${sim.url}/2010-04-01/Accounts/ACtest/Calls/${created.body.sid}.json`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('ACtest:test-token').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Status=completed',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'completed' });
    await until('closed', () => media.robots[0]!.closed !== undefined);
    expect(media.robots[0]!.events.at(-1)).toMatchObject({ event: 'stop' });
    expect(media.robots[0]!.closed?.reason).toBe('carrier_hangup');
    expect(sim.stats().endedBy.carrier).toBe(1);
  });

  it('stops the stream and plays the message when the dialer redirects a live call to <Play><Hangup/>', async () => {
    const { media, callbacks, sim } = await setup([persona('+8613900000009', {})], (robot, event) => event === 'start' && robot.play('p1', 500));
    const created = await originate(sim, { To: '+8613900000009', From: '+861000', Twiml: twiml(media.url), StatusCallback: callbacks.url });
    await until('stream up', () => media.robots.length === 1 && media.robots[0]!.mediaFrames > 5);
    const update = (body: string) =>
      fetch(`${sim.url}/2010-04-01/Accounts/ACtest/Calls/${created.body.sid}.json`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('ACtest:test-token').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const res = await update(new URLSearchParams({ Twiml: `<Response><Play>${callbacks.base}/prompt.wav</Play><Hangup/></Response>` }).toString());
    expect(res.status).toBe(200);
    await until('completed', () => callbacks.received.some((c) => c.params.CallStatus === 'completed'));
    expect(media.robots[0]!.events.at(-1)).toMatchObject({ event: 'stop' });
    expect(media.robots[0]!.closed?.reason).toBe('twiml_redirect');
    const record = sim.stats().records[0]!;
    expect(record.carrierPlayed).toEqual([{ url: `${callbacks.base}/prompt.wav`, ms: 200 }]);
    expect(sim.stats().carrierPlays).toBe(1);
    // The call is over: a second redirect is refused the way Twilio refuses it.
    expect((await update(new URLSearchParams({ Twiml: '<Response><Hangup/></Response>' }).toString())).status).toBe(400);
  });

  it('counts a media service that refuses the stream as an error and completes the call', async () => {
    const { callbacks, sim } = await setup([persona('+8613900000007', {})], () => {});
    const refusing = new (await import('ws')).WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => refusing.once('listening', r));
    refusing.on('connection', (ws) => ws.close(4401, 'bad token'));
    cleanups.push(() => new Promise((r) => refusing.close(() => r())));
    await originate(sim, { To: '+8613900000007', From: '+861000', Twiml: twiml(`ws://127.0.0.1:${(refusing.address() as AddressInfo).port}/twilio`), StatusCallback: callbacks.url });
    await until('completed', () => callbacks.received.some((c) => c.params.CallStatus === 'completed'));
    const stats = sim.stats();
    expect(stats.errors.count).toBe(1);
    expect(stats.errors.messages[0]).toMatch(/closed 4401 bad token/);
    expect(stats.endedBy.error).toBe(1);
  });

  it('leaves no timers or sockets behind after 100 calls (lifecycle leak check)', async () => {
    const baseline = resourceCounts();
    const { media, sim } = await setup(
      Array.from({ length: 100 }, (_, i) => persona(`+86139100${String(i).padStart(5, '0')}`, { hangupAfterMs: i % 2 ? 60 : undefined })),
      (robot, event) => {
        if (event !== 'start') return;
        robot.play('p1', 3);
        setTimeout(() => robot.ws.close(1000, 'robot_hangup'), 80);
      },
    );
    await Promise.all(sim.personas.map((p) => originate(sim, { To: p.number, From: '+861000', Twiml: twiml(media.url) })));
    await until('all calls over', () => sim.stats().completed === 100, 60_000);
    const stats = sim.stats();
    expect(stats.errors.count).toBe(0);
    expect(stats.active).toEqual({ ringing: 0, inCall: 0 });
    expect(stats.activeStreams).toBe(0);
    for (const c of cleanups.splice(0).reverse()) await c();
    await new Promise((r) => setTimeout(r, 50));
    const after = resourceCounts();
    for (const kind of ['Timeout', 'TCPSocketWrap', 'TCPServerWrap']) expect(after[kind] ?? 0, kind).toBeLessThanOrEqual(baseline[kind] ?? 0);
  });

  it('answers Twilio-style errors for bad requests', async () => {
    const { sim } = await setup([persona('+8613900000008', {})], () => {});
    expect(await originate(sim, { To: '+1', From: 'x', Twiml: '<Response/>' }, { accountSid: 'ACtest', authToken: 'wrong' })).toMatchObject({ status: 401, body: { code: 20003, status: 401 } });
    expect(await originate(sim, { From: '+861000', Twiml: '<Response/>' })).toMatchObject({ status: 400, body: { code: 21201 } });
    expect(await originate(sim, { To: '+8613900000008', Twiml: '<Response/>' })).toMatchObject({ status: 400, body: { code: 21213 } });
    expect(await originate(sim, { To: '+8613900000008', From: '+861000' })).toMatchObject({ status: 400, body: { code: 21205 } });
    const broken = await originate(sim, { To: '+8613900000008', From: '+861000', Twiml: '<Response><Connect>' });
    expect(broken).toMatchObject({ status: 400, body: { code: 12100 } });
    expect(broken.body.message).toMatch(/<Connect> is never closed/);
    expect(await originate(sim, { To: '+8613900000008', From: '+861000', Twiml: twiml('ws://x'), StatusCallback: 'ftp://x' })).toMatchObject({ status: 400, body: { code: 21609 } });
    expect(await originate(sim, { To: '+8613900000008', From: '+861000', Twiml: twiml('ws://x'), Timeout: 'soon' })).toMatchObject({ status: 400, body: { code: 21216 } });
    const res = await fetch(`${sim.url}/2010-04-01/Accounts/ACtest/Calls.json`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('ACtest:test-token').toString('base64')}`, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect((await fetch(`${sim.url}/nope`)).status).toBe(404);
  });
});
