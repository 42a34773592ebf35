import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AudioSocketAdapter, AudioSocketDecoder, mintAudioSocketUuid, verifyAudioSocketUuid } from '../src/framing/audiosocket.ts';
import { WS_ROUTES } from '../src/framing/registry.ts';
import type { CarrierEvent, FramingAdapter } from '../src/framing/types.ts';

/**
 * One conformance suite for every framing: recorded message sequences (constructed from each
 * carrier's public protocol documentation) under fixtures/framings, replayed through the adapter,
 * including out-of-order, malformed and before-start messages, then the outbound encodings.
 */
interface Step {
  in?: unknown;
  binary?: string;
  expect: Array<Record<string, unknown>>;
  replies?: unknown[];
}
interface Fixture {
  framing: string;
  description: string;
  steps: Step[];
  outbound: { media?: Record<string, unknown>; mark?: unknown; clear?: unknown };
}

const dir = new URL('./fixtures/framings/', import.meta.url);
const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(fs.readFileSync(new URL(f, dir), 'utf8')) as Fixture] as const);

function adapterFor(framing: string): FramingAdapter {
  if (framing === 'audiosocket') return new AudioSocketAdapter();
  const route = WS_ROUTES.find((r) => r.create().name === framing);
  if (!route) throw new Error(`no route for ${framing}`);
  return route.create();
}

function summarise(e: CarrierEvent): Record<string, unknown> {
  if (e.kind === 'media') {
    const { payload, ...rest } = e;
    return { ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), bytes: payload.length };
  }
  return e as unknown as Record<string, unknown>;
}

function parseOut(m: string | Uint8Array | undefined): unknown {
  if (m === undefined || typeof m !== 'string') return m;
  try {
    return JSON.parse(m);
  } catch {
    return m;
  }
}

describe.each(fixtures)('framing conformance: %s', (_file, fx) => {
  it(`${fx.description}: inbound sequence`, () => {
    const adapter = adapterFor(fx.framing);
    for (const [i, step] of fx.steps.entries()) {
      const events = step.binary !== undefined ? adapter.decode(new Uint8Array(Buffer.from(step.binary, 'base64')), true) : adapter.decode(typeof step.in === 'string' ? step.in : JSON.stringify(step.in), false);
      expect(events.length, `step ${i}: ${JSON.stringify(events).slice(0, 300)}`).toBe(step.expect.length);
      events.forEach((e, k) => expect(summarise(e), `step ${i} event ${k}`).toMatchObject(step.expect[k]!));
      if (step.replies) {
        const start = events.find((e) => e.kind === 'start')!;
        expect(adapter.handshakeReply(start).map(parseOut)).toEqual(step.replies);
      }
    }
  });

  it(`${fx.description}: outbound media, mark and clear`, () => {
    const adapter = adapterFor(fx.framing);
    for (const step of fx.steps) {
      if (step.binary !== undefined) adapter.decode(new Uint8Array(Buffer.from(step.binary, 'base64')), true);
      else adapter.decode(typeof step.in === 'string' ? step.in : JSON.stringify(step.in), false);
    }
    const frame = new Uint8Array(160).fill(0x7f);
    const media = adapter.encodeMedia(frame);
    if (fx.outbound.media) {
      const parsed = parseOut(media) as Record<string, unknown>;
      expect(parsed).toMatchObject(fx.outbound.media);
      const payload = (parsed.media as { payload: string }).payload;
      expect(Buffer.from(payload, 'base64')).toEqual(Buffer.from(frame));
    } else expect(media).toBeInstanceOf(Uint8Array);
    expect(parseOut(adapter.encodeMark('p9'))).toEqual(fx.outbound.mark);
    expect(parseOut(adapter.encodeClear())).toEqual(fx.outbound.clear);
    // Peer-buffered framings must have a flush; self-paced ones must not pretend to.
    expect(adapter.encodeClear() !== undefined).toBe(adapter.peerBuffersPlayback);
  });
});

describe('AudioSocket incremental decoder', () => {
  const stream = new Uint8Array(fs.readFileSync(new URL('./fixtures/framings/audiosocket-stream.bin', import.meta.url)));
  const types = (frames: Array<{ type: number }>) => frames.map((f) => f.type);

  it('decodes the recorded byte stream whole', () => {
    const { frames, error } = new AudioSocketDecoder().push(stream);
    expect(error).toBeUndefined();
    expect(types(frames)).toEqual([0x01, 0x10, 0x03, 0x10, 0x00]);
    expect(frames[1]!.payload.length).toBe(320);
  });

  it('decodes the same stream split at every possible point, and byte by byte', () => {
    for (let cut = 1; cut < stream.length; cut += 7) {
      const d = new AudioSocketDecoder();
      const all = [...d.push(stream.subarray(0, cut)).frames, ...d.push(stream.subarray(cut)).frames];
      expect(types(all)).toEqual([0x01, 0x10, 0x03, 0x10, 0x00]);
    }
    const d = new AudioSocketDecoder();
    const all = [];
    for (const b of stream) all.push(...d.push(Uint8Array.of(b)).frames);
    expect(types(all)).toEqual([0x01, 0x10, 0x03, 0x10, 0x00]);
  });

  it('refuses an oversized frame and stays failed', () => {
    const d = new AudioSocketDecoder(1000);
    expect(d.push(Uint8Array.of(0x10, 0xff, 0xff)).error).toMatch(/exceeds 1000/);
    expect(d.push(Uint8Array.of(0x00, 0, 0)).error).toBeDefined();
  });

  it('the UUID is a credential', () => {
    const uuid = mintAudioSocketUuid('00112233aabbccdd', 's');
    expect(verifyAudioSocketUuid(uuid, 's')).toEqual({ ok: true, callId: '00112233aabbccdd' });
    expect(verifyAudioSocketUuid(uuid, 'other')).toMatchObject({ ok: false });
    const forged = uuid.slice();
    forged[0] = 0x99;
    expect(verifyAudioSocketUuid(forged, 's')).toMatchObject({ ok: false, reason: 'bad UUID signature' });
  });
});
