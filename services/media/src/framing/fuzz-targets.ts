import fs from 'node:fs';
import fc from 'fast-check';
import { JitterBuffer, type JitterOutput } from '../session/jitter-buffer.ts';
import { AudioSocketAdapter, AudioSocketDecoder } from './audiosocket.ts';
import { WS_ROUTES } from './registry.ts';
import { parseRtp } from './rtp.ts';
import type { CarrierEvent, FramingAdapter } from './types.ts';

/**
 * Fuzz targets shared by the CI property tests and `npm run fuzz`: every framing parser, the
 * AudioSocket byte decoder, the RTP parser and the jitter buffer, fed random and mutated input.
 * A target passes when nothing throws and every output is well-formed.
 */
export interface FuzzTarget {
  name: string;
  property(): fc.IPropertyWithHooks<[unknown]> | fc.IProperty<[unknown]>;
}

const KINDS = new Set(['connected', 'start', 'media', 'mark', 'dtmf', 'cleared', 'flow', 'stop', 'invalid']);

function wellFormed(events: CarrierEvent[]): boolean {
  if (!Array.isArray(events)) return false;
  for (const e of events) {
    if (!KINDS.has(e.kind)) return false;
    if (e.kind === 'media' && !(e.payload instanceof Uint8Array)) return false;
    if (e.kind === 'start' && (typeof e.format?.codec !== 'string' || typeof e.parameters !== 'object')) return false;
  }
  return true;
}

type Message = { text: string } | { bytes: Uint8Array };

/** Recorded messages of a framing (from the conformance fixtures) as mutation seeds. */
function seeds(fixturesDir: URL, framing: string): Message[] {
  const out: Message[] = [];
  if (!fs.existsSync(fixturesDir)) return out;
  for (const f of fs.readdirSync(fixturesDir).filter((n) => n.endsWith('.json'))) {
    const fx = JSON.parse(fs.readFileSync(new URL(f, fixturesDir), 'utf8')) as { framing: string; steps: Array<{ in?: unknown; binary?: string }> };
    if (fx.framing !== framing) continue;
    for (const s of fx.steps) out.push(s.binary !== undefined ? { bytes: new Uint8Array(Buffer.from(s.binary, 'base64')) } : { text: typeof s.in === 'string' ? s.in : JSON.stringify(s.in) });
  }
  return out;
}

const jsonValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.base64String({ maxLength: 400 }), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 12 }), fc.string(), { maxKeys: 4 }));

/** Mutate a JSON message: replace, delete or retype a field somewhere in it. */
function mutateJson(text: string, path: string[], value: unknown, drop: boolean): string {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return text;
  }
  let node = root as Record<string, unknown>;
  for (let i = 0; i < path.length - 1 && node && typeof node === 'object'; i++) {
    const keys = Object.keys(node);
    if (!keys.length) break;
    const k = keys[path[i]!.length % keys.length]!;
    if (node[k] && typeof node[k] === 'object') node = node[k] as Record<string, unknown>;
  }
  if (node && typeof node === 'object') {
    const keys = Object.keys(node);
    const k = keys.length ? keys[(path.at(-1) ?? '').length % keys.length]! : 'x';
    if (drop) delete node[k];
    else node[k] = value;
  }
  return JSON.stringify(root);
}

function messageArb(seedMessages: Message[]): fc.Arbitrary<Message> {
  const randomText = fc.oneof(fc.string({ maxLength: 300 }), fc.json({ maxDepth: 3 })).map((text) => ({ text }));
  const randomBytes = fc.uint8Array({ maxLength: 700 }).map((bytes) => ({ bytes }));
  if (!seedMessages.length) return fc.oneof(randomText, randomBytes);
  const seed = fc.constantFrom(...seedMessages);
  const mutated = fc.tuple(seed, fc.array(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 3 }), jsonValue, fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([m, path, value, drop, pos, byte]): Message => {
    if ('text' in m) return { text: mutateJson(m.text, path, value, drop) };
    const b = m.bytes.slice();
    if (b.length) b[pos % b.length] = byte;
    return { bytes: drop ? b.subarray(0, pos % (b.length + 1)) : b };
  });
  return fc.oneof({ weight: 1, arbitrary: randomText }, { weight: 1, arbitrary: randomBytes }, { weight: 1, arbitrary: seed }, { weight: 4, arbitrary: mutated });
}

function adapterTarget(name: string, create: () => FramingAdapter, fixturesDir: URL): FuzzTarget {
  const arb = fc.array(messageArb(seeds(fixturesDir, name)), { minLength: 1, maxLength: 12 });
  return {
    name: `framing ${name}`,
    property: () =>
      fc.property(arb, (messages) => {
        const adapter = create();
        for (const m of messages) {
          const events = 'text' in m ? adapter.decode(m.text, false) : adapter.decode(m.bytes, true);
          if (!wellFormed(events)) throw new Error(`malformed output ${JSON.stringify(events).slice(0, 200)}`);
        }
        adapter.encodeMedia(new Uint8Array(160));
        adapter.encodeMark('m');
        adapter.encodeClear();
      }) as fc.IProperty<[unknown]>,
  };
}

export function fuzzTargets(fixturesDir: URL): FuzzTarget[] {
  const targets: FuzzTarget[] = [];
  const seen = new Set<string>();
  for (const r of WS_ROUTES) {
    const name = r.create().name;
    if (seen.has(name)) continue;
    seen.add(name);
    targets.push(adapterTarget(name, r.create, fixturesDir));
  }
  targets.push(adapterTarget('audiosocket', () => new AudioSocketAdapter(), fixturesDir));
  targets.push({
    name: 'AudioSocket byte decoder',
    property: () =>
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 10 }), (chunks) => {
        const d = new AudioSocketDecoder(4096);
        for (const c of chunks) {
          const { frames } = d.push(c);
          for (const f of frames) if (!(f.payload instanceof Uint8Array) || f.type < 0 || f.type > 255) throw new Error('bad frame');
        }
      }) as fc.IProperty<[unknown]>,
  });
  targets.push({
    name: 'RTP parser',
    property: () =>
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const r = parseRtp(bytes);
        if (r.ok && (r.packet.payload.length > bytes.length || r.packet.sequence > 0xffff)) throw new Error('payload out of bounds');
      }) as fc.IProperty<[unknown]>,
  });
  targets.push({
    name: 'RTP jitter buffer',
    property: () =>
      fc.property(
        fc.array(fc.record({ seq: fc.integer({ min: 0, max: 0xffff }), ts: fc.integer({ min: 0, max: 0xffffffff }), ssrc: fc.constantFrom(1, 1, 1, 2), dt: fc.integer({ min: 0, max: 300 }), len: fc.integer({ min: 0, max: 200 }) }), { maxLength: 60 }),
        (packets) => {
          const jb = new JitterBuffer(8000);
          const out: JitterOutput[] = [];
          let now = 0;
          for (const p of packets) {
            now += p.dt;
            jb.push(p.seq, p.ts, new Uint8Array(p.len), now, p.ssrc);
            jb.pull(now, out);
            if (out.length > 50) throw new Error('unbounded release');
            if (jb.depthMs < 20 || jb.depthMs > 200 + 2) throw new Error(`depth ${jb.depthMs} out of range`);
          }
        },
      ) as fc.IProperty<[unknown]>,
  });
  return targets;
}
