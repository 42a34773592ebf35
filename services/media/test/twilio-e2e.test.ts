import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signMediaToken } from '@voicebot/common';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav, parseWav, toMonoFloat } from '../src/audio/wav.ts';
import { loadMediaConfig } from '../src/config.ts';
import { MediaService } from '../src/service.ts';
import { FakeDialogue } from './fake-dialogue.ts';
import { TwilioPeer } from './twilio-peer.ts';

/**
 * The whole Twilio path on real sockets: token check, start, a prompt played ahead with a mark,
 * the callee talking over it (barge-in → clear + playback_interrupted), transcripts events,
 * a robot hang-up closing the socket with 1000 robot_hangup after the last mark.
 */
const speech8k = toMonoFloat(parseWav(fs.readFileSync(new URL('./fixtures/speech-zh-8k.wav', import.meta.url))));
const SECRET = 'test-secret';

let dialogue: FakeDialogue;
let media: MediaService;
let promptsDir: string;
let wsUrl: string;
let drained = false;

beforeAll(async () => {
  promptsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-prompts-'));
  fs.mkdirSync(path.join(promptsDir, 'demo'));
  // A 3 s "prompt": a quiet two-tone pattern stands in for a recording.
  const prompt = new Int16Array(24000).map((_, i) => Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / 8000) * (Math.floor(i / 2000) % 2)));
  fs.writeFileSync(path.join(promptsDir, 'demo', 'long.wav'), encodeWav(prompt, 8000));
  fs.writeFileSync(path.join(promptsDir, 'demo', 'short.wav'), encodeWav(prompt.subarray(0, 4000), 8000));
  dialogue = new FakeDialogue();
  await dialogue.start();
  const config = loadMediaConfig({
    VOICEBOT_MEDIA_WS_PORT: '0',
    VOICEBOT_MEDIA_HTTP_PORT: '0',
    VOICEBOT_MEDIA_GRPC_PORT: '0',
    VOICEBOT_MEDIA_AUDIOSOCKET_PORT: '0',
    VOICEBOT_MEDIA_WORKERS: '1',
    VOICEBOT_MEDIA_WARM_SLOTS: '2',
    VOICEBOT_MEDIA_ASR_MODEL: process.env.VOICEBOT_MEDIA_TEST_ASR_MODEL ?? 'none',
    VOICEBOT_MEDIA_PROMPTS_DIR: promptsDir,
    VOICEBOT_MEDIA_CARRIER_SECRETS: `twilio:${SECRET}`,
    VOICEBOT_MEDIA_DIALOGUE_ADDR: `127.0.0.1:${dialogue.port}`,
    VOICEBOT_MEDIA_DIALER_ADDR: '127.0.0.1:1',
  });
  media = new MediaService({ config, log: pino({ level: 'silent' }) });
  await media.start();
  wsUrl = `ws://127.0.0.1:${media.ports.ws}/twilio`;
}, 120_000);

afterAll(async () => {
  if (!drained) await media?.close();
  await dialogue?.stop();
  fs.rmSync(promptsDir, { recursive: true, force: true });
});

const token = (callId: string, secret = SECRET, exp = Date.now() / 1000 + 60) => signMediaToken({ carrier: 'twilio', callId, exp }, secret);

const scrapeMetrics = async () => (await fetch(`http://127.0.0.1:${media.ports.http}/metrics`)).text();

/** A Twilio peer whose call the media service has announced to the dialogue. */
async function startedCall(callId: string): Promise<TwilioPeer> {
  const peer = new TwilioPeer(`${wsUrl}?token=${token(callId)}`);
  await peer.opened;
  peer.start({ callId });
  await dialogue.waitFor(callId, 'call_started');
  return peer;
}

async function streamAudio(peer: TwilioPeer, audio: Float32Array): Promise<void> {
  for (let i = 0; i + 160 <= audio.length; i += 160) {
    peer.sendFrame(audio.subarray(i, i + 160));
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('media service, Twilio framing end to end', () => {
  it('is ready once workers are warm and serves metrics', async () => {
    const ready = await fetch(`http://127.0.0.1:${media.ports.http}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await scrapeMetrics();
    expect(metrics).toContain('voicebot_media_bargein_latency_seconds');
    expect(metrics).toContain('voicebot_media_asr_free_slots');
  });

  it('closes a connection without a valid token with 4401', async () => {
    const noToken = new TwilioPeer(wsUrl);
    expect(await noToken.closed).toEqual({ code: 4401, reason: 'missing token' });
    const forged = new TwilioPeer(`${wsUrl}?token=${token('c1', 'other-secret')}`);
    expect(await forged.closed).toEqual({ code: 4401, reason: 'bad signature' });
  });

  it('closes a start whose callId differs from the token with 4403', async () => {
    const peer = new TwilioPeer(`${wsUrl}?token=${token('call-a')}`);
    await peer.opened;
    peer.start({ callId: 'call-b' });
    expect(await peer.closed).toEqual({ code: 4403, reason: 'callId does not match token' });
  });

  it('plays a prompt, is interrupted by the callee, and hangs up after the last mark', async () => {
    const callId = 'call-e2e-1';
    dialogue.onEvent = (call, ev) => {
      if (call.callId !== callId) return;
      if (ev.event === 'call_started') call.send({ play_prompt: { play_id: 'p1', prompt_id: 'long', script_id: 'demo', barge_in: 'BARGE_IN_POLICY_SPEECH', min_speech_ms: 100 } });
      if (ev.event === 'speech_stopped') call.send({ play_prompt: { play_id: 'p2', prompt_id: 'short', script_id: 'demo', barge_in: 'BARGE_IN_POLICY_NONE' } });
      if (ev.event === 'playback_mark' && ev.playback_mark?.play_id === 'p2') call.send({ hang_up: { reason: 'completed' } });
    };
    const peer = new TwilioPeer(`${wsUrl}?token=${token(callId)}`);
    await peer.opened;
    peer.start({ callId, campaignId: 'camp', leadId: 'lead', scriptId: 'demo', answeredBy: 'human' });
    const started = await dialogue.waitFor(callId, 'call_started');
    expect(started.call_started).toMatchObject({ framing: 'twilio', codec: 'pcmu', sample_rate: 8000, campaign_id: 'camp', script_id: 'demo', answered_by: 'human' });
    // 0.6 s of silence, then the callee talks over the prompt.
    const audio = new Float32Array(4800 + speech8k.length + 8000);
    audio.set(speech8k, 4800);
    await streamAudio(peer, audio);
    const interrupted = await dialogue.waitFor(callId, 'playback_interrupted');
    expect(interrupted.playback_interrupted).toMatchObject({ play_id: 'p1', prompt_id: 'long', reason: 'barge_in_speech', prompt_ms: 3000 });
    expect(interrupted.playback_interrupted!.heard_ms).toBeGreaterThan(300);
    expect(interrupted.playback_interrupted!.heard_ms).toBeLessThan(3000);
    expect(peer.log.clears.length).toBe(1);
    await dialogue.waitFor(callId, 'speech_started');
    await dialogue.waitFor(callId, 'speech_stopped');
    const closed = await peer.closed;
    expect(closed).toEqual({ code: 1000, reason: 'robot_hangup' });
    expect(peer.log.marks).toContain('p2');
    const ended = await dialogue.waitFor(callId, 'call_ended');
    expect(ended.call_ended).toMatchObject({ party: 'HANGUP_PARTY_ROBOT', reason: 'completed' });
    expect(ended.call_ended!.answer_to_audio_ms).toBeGreaterThanOrEqual(0);
    const events = dialogue.calls.get(callId)!.events;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.event)).toContain('playback_mark');
    // Regression: closing the socket on a robot hang-up re-entered end(), counting the call twice.
    const metrics = await scrapeMetrics();
    expect(metrics).toMatch(/voicebot_media_calls_total\{framing="twilio",party="robot"[^}]*\} 1\n/);
    expect(metrics).not.toMatch(/voicebot_media_active_calls\{[^}]*\} -/);
  }, 60_000);

  it('a callee hang-up (stop) ends the call with party CALLEE', async () => {
    const callId = 'call-e2e-2';
    dialogue.onEvent = () => {};
    const peer = await startedCall(callId);
    peer.stop();
    const ended = await dialogue.waitFor(callId, 'call_ended');
    expect(ended.call_ended).toMatchObject({ party: 'HANGUP_PARTY_CALLEE', reason: 'carrier_stop' });
  });

  it('counts malformed frames without dropping the call', async () => {
    const callId = 'call-e2e-3';
    const peer = await startedCall(callId);
    peer.ws.send('not json');
    peer.ws.send(JSON.stringify({ event: 'media', media: { payload: '%%%' } }));
    peer.ws.send(JSON.stringify({ event: 'dtmf', dtmf: { digit: '5' } }));
    const dtmf = await dialogue.waitFor(callId, 'dtmf');
    expect(dtmf.dtmf?.digit).toBe('5');
    const metrics = await scrapeMetrics();
    expect(metrics).toMatch(/voicebot_media_rejected_frames_total\{framing="twilio",reason="not_json"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/voicebot_media_rejected_frames_total\{framing="twilio",reason="bad_payload"[^}]*\} [1-9]/);
    peer.stop();
    await dialogue.waitFor(callId, 'call_ended');
  });

  it('SIGTERM drain: refuses new calls with 1013, lets the call in flight finish, then stops', async () => {
    const callId = 'call-drain';
    dialogue.onEvent = () => {};
    const peer = await startedCall(callId);
    const draining = media.drain(Date.now() + 20_000);
    drained = true;
    const late = new TwilioPeer(`${wsUrl}?token=${token('call-late')}`);
    expect(await late.closed).toEqual({ code: 1013, reason: 'draining' });
    expect((await fetch(`http://127.0.0.1:${media.ports.http}/readyz`)).status).toBe(503);
    // The call in flight still works.
    peer.ws.send(JSON.stringify({ event: 'dtmf', dtmf: { digit: '9' } }));
    expect((await dialogue.waitFor(callId, 'dtmf')).dtmf?.digit).toBe('9');
    peer.stop();
    await draining;
    expect((await dialogue.waitFor(callId, 'call_ended')).call_ended?.party).toBe('HANGUP_PARTY_CALLEE');
  });
});
