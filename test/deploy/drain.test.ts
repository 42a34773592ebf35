import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, REPO_ROOT, signMediaToken } from '@voicebot/common';
import { FakeDialogue } from '../../services/media/test/fake-dialogue.ts';
import { TwilioPeer } from '../../services/media/test/twilio-peer.ts';

/**
 * Pod termination as Kubernetes runs it, against a real media process: the preStop hook
 * (deploy/docker/drain.mjs) sends SIGTERM and waits; media turns unready, refuses new calls
 * with 1013, lets the call in flight run to its normal end (or ends it when the grace period is
 * over), exits 0, and only then does the hook return.
 */
const SECRET = 'drain-test-secret';
const SILENCE = new Float32Array(160);

interface MediaProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  ws: string;
  http: string;
  output: () => string;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startMedia(dialoguePort: number, graceMs: number): Promise<MediaProcess> {
  const [ws, http, grpc] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'deploy/docker/entrypoint.mjs'), 'media'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      VOICEBOT_LOG_LEVEL: 'warn',
      VOICEBOT_MEDIA_WS_PORT: String(ws),
      VOICEBOT_MEDIA_HTTP_PORT: String(http),
      VOICEBOT_MEDIA_GRPC_PORT: String(grpc),
      VOICEBOT_MEDIA_AUDIOSOCKET_PORT: '0',
      VOICEBOT_MEDIA_WORKERS: '1',
      VOICEBOT_MEDIA_WARM_SLOTS: '1',
      // Drain does not depend on recognition: VAD only keeps the test light.
      VOICEBOT_MEDIA_ASR_MODEL: 'none',
      VOICEBOT_MEDIA_CARRIER_SECRETS: `twilio:${SECRET}`,
      VOICEBOT_MEDIA_DIALOGUE_ADDR: `127.0.0.1:${dialoguePort}`,
      VOICEBOT_MEDIA_DIALER_ADDR: `127.0.0.1:${await freePort()}`,
      VOICEBOT_MEDIA_DRAIN_GRACE_MS: String(graceMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  const media = { child, exited, ws: `ws://127.0.0.1:${ws}/twilio`, http: `http://127.0.0.1:${http}`, output: () => out };
  await waitForStatus(media, 200);
  return media;
}

async function waitForStatus(media: MediaProcess, status: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (media.child.exitCode !== null) throw new Error(`media exited (${media.child.exitCode}):\n${media.output()}`);
    const got = await fetch(`${media.http}/readyz`).then((r) => r.status, () => 0);
    if (got === status) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`media /readyz never answered ${status}:\n${media.output()}`);
}

/** The preStop hook, aimed at the media process instead of PID 1. */
function preStop(media: MediaProcess): Promise<number | null> {
  const hook = spawn(process.execPath, [path.join(REPO_ROOT, 'deploy/docker/drain.mjs'), '--delay-seconds', '0', '--pid', String(media.child.pid)], { stdio: 'ignore' });
  return new Promise((resolve) => hook.once('exit', (code) => resolve(code)));
}

/** A call in progress: the carrier streams 20 ms silence frames until stopped. */
async function openCall(media: MediaProcess, dialogue: FakeDialogue, callId: string): Promise<{ peer: TwilioPeer; stopStreaming: () => void }> {
  const token = signMediaToken({ carrier: 'twilio', callId, exp: Date.now() / 1000 + 300 }, SECRET);
  const peer = new TwilioPeer(`${media.ws}?token=${token}`);
  await peer.opened;
  peer.start({ callId, campaignId: 'camp', leadId: 'lead', scriptId: 'demo', answeredBy: 'human' });
  await dialogue.waitFor(callId, 'call_started');
  const timer = setInterval(() => peer.sendFrame(SILENCE), 20);
  cleanups.push(() => clearInterval(timer));
  return { peer, stopStreaming: () => clearInterval(timer) };
}

describe('media drain on pod termination (preStop → SIGTERM)', () => {
  it('keeps the call in flight until it ends normally, refuses new calls, exits 0, then the hook returns', async () => {
    const dialogue = new FakeDialogue();
    await dialogue.start();
    cleanups.push(() => dialogue.stop());
    const media = await startMedia(dialogue.port, 60_000);
    const { peer, stopStreaming } = await openCall(media, dialogue, 'call-in-flight');

    const order: string[] = [];
    const hook = preStop(media).then((code) => {
      order.push('hook returned');
      return code;
    });
    void media.exited.then(() => order.push('media exited'));
    await waitForStatus(media, 503);

    const late = new TwilioPeer(`${media.ws}?token=${signMediaToken({ carrier: 'twilio', callId: 'call-late', exp: Date.now() / 1000 + 300 }, SECRET)}`);
    expect(await late.closed).toEqual({ code: 1013, reason: 'draining' });

    // The call in flight is untouched: still open, no call_ended, media still running.
    await new Promise((r) => setTimeout(r, 500));
    expect(peer.log.closeCode).toBeUndefined();
    expect(dialogue.calls.get('call-in-flight')!.events.some((e) => e.event === 'call_ended')).toBe(false);
    expect(media.child.exitCode).toBeNull();

    stopStreaming();
    peer.stop();
    const ended = await dialogue.waitFor('call-in-flight', 'call_ended');
    expect(ended.call_ended).toMatchObject({ party: 'HANGUP_PARTY_CALLEE' });
    expect(await media.exited).toBe(0);
    expect(await hook).toBe(0);
    expect(order).toEqual(['media exited', 'hook returned']);
  }, 180_000);

  it('ends a call still running when the grace period is over, then exits 0', async () => {
    const dialogue = new FakeDialogue();
    await dialogue.start();
    cleanups.push(() => dialogue.stop());
    const media = await startMedia(dialogue.port, 1500);
    const { peer } = await openCall(media, dialogue, 'call-too-long');

    const hook = preStop(media);
    const closed = await peer.closed;
    expect(closed).toEqual({ code: 1001, reason: 'media instance shutting down' });
    const ended = await dialogue.waitFor('call-too-long', 'call_ended');
    expect(ended.call_ended).toMatchObject({ party: 'HANGUP_PARTY_SYSTEM', reason: 'drain' });
    expect(await media.exited).toBe(0);
    expect(await hook).toBe(0);
  }, 180_000);
});
