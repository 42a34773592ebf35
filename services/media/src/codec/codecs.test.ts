import { describe, expect, it } from 'vitest';
import { encodeAlaw, encodeMulaw } from './g711.ts';
import { createFrameDecoder } from './inbound-decoder.ts';

function tone(n: number, rate: number, freq = 500, amp = 0.4): Int16Array {
  return Int16Array.from({ length: n }, (_, i) => Math.round(amp * 32767 * Math.sin((2 * Math.PI * freq * i) / rate)));
}

function rms(x: Float32Array): number {
  return Math.sqrt(x.reduce((a, v) => a + v * v, 0) / x.length);
}

describe('inbound frame decoders → 16 kHz', () => {
  it.each([
    ['pcmu', (p: Int16Array) => encodeMulaw(p), { codec: 'pcmu' as const, sampleRate: 8000, channels: 1 }],
    ['pcma', (p: Int16Array) => encodeAlaw(p), { codec: 'pcma' as const, sampleRate: 8000, channels: 1 }],
    ['l16 big-endian 8k', (p: Int16Array) => new Uint8Array(Buffer.from(Uint8Array.from([...p].flatMap((v) => [(v >> 8) & 0xff, v & 0xff])))), { codec: 'l16' as const, sampleRate: 8000, channels: 1 }],
    ['l16 little-endian 8k', (p: Int16Array) => new Uint8Array(p.slice().buffer), { codec: 'l16' as const, sampleRate: 8000, channels: 1, littleEndian: true }],
  ])('%s: 20 ms in → 320 samples out at the right level', async (_n, encode, format) => {
    const dec = await createFrameDecoder(format);
    const out = new Float32Array(400);
    let total = 0;
    let last = new Float32Array(0);
    const pcm = tone(1600, 8000);
    for (let i = 0; i < 1600; i += 160) {
      const n = dec.decode(encode(pcm.subarray(i, i + 160)), out);
      expect(n).toBe(320);
      total += n;
      last = out.slice(0, n);
    }
    expect(total).toBe(3200);
    expect(rms(last)).toBeGreaterThan(0.4 / Math.SQRT2 - 0.03);
    expect(rms(last)).toBeLessThan(0.4 / Math.SQRT2 + 0.03);
  });

  it('the WASM µ-law path equals the TypeScript one', async () => {
    const { WasmMulawDecoder } = await import('./wasm-mulaw-decoder.ts');
    const { Resampler } = await import('../dsp/resampler.ts');
    const { MULAW_TO_FLOAT, decodeG711 } = await import('./g711.ts');
    const wasm = new WasmMulawDecoder();
    const ts = new Resampler(8000, 16000, 24);
    const pcm = tone(1600, 8000, 700);
    const a = new Float32Array(320);
    const b = new Float32Array(320);
    const tmp = new Float32Array(160);
    for (let i = 0; i < 1600; i += 160) {
      const frame = encodeMulaw(pcm.subarray(i, i + 160));
      expect(wasm.decode(frame, a)).toBe(320);
      expect(ts.process(decodeG711(MULAW_TO_FLOAT, frame, tmp), b)).toBe(320);
      for (let k = 0; k < 320; k++) expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(1e-5);
    }
  });

  it('l16 at 16 kHz passes through without resampling', async () => {
    const dec = await createFrameDecoder({ codec: 'l16', sampleRate: 16000, channels: 1, littleEndian: true });
    const pcm = tone(320, 16000);
    const out = new Float32Array(320);
    expect(dec.decode(new Uint8Array(pcm.buffer), out)).toBe(320);
    expect(out[5]).toBeCloseTo(pcm[5]! / 32768, 4);
  });

  it('rejects payloads that are not whole samples', async () => {
    const dec = await createFrameDecoder({ codec: 'l16', sampleRate: 8000, channels: 1 });
    expect(dec.decode(new Uint8Array(3), new Float32Array(100))).toBe(-1);
    expect(dec.decode(new Uint8Array(0), new Float32Array(100))).toBe(-1);
  });

  it('opus: a garbage packet is rejected, not thrown', async () => {
    const dec = await createFrameDecoder({ codec: 'opus', sampleRate: 48000, channels: 1 });
    const out = new Float32Array(dec.maxOutput(10));
    // TOC byte for a 20 ms SILK frame followed by nothing valid.
    const n = dec.decode(Uint8Array.of(0xff, 0xff, 0xff, 0xff), out);
    expect(n === -1 || n > 0).toBe(true);
    // A 1-byte packet with TOC config 1 (SILK NB 20 ms, code 0) is a valid "DTX/empty" frame.
    expect(dec.decode(Uint8Array.of(0x08), out)).toBeGreaterThan(0);
  });
});
