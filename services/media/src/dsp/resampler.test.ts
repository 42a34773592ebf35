import { describe, expect, it } from 'vitest';
import { designLowpass, responseDb } from './fir.ts';
import { Resampler, resampleAll } from './resampler.ts';

function tone(freq: number, rate: number, n: number): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = 0.5 * Math.sin((2 * Math.PI * freq * i) / rate);
  return x;
}

function rms(x: Float32Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s / x.length);
}

/** Power of `x` at `freq` via a single DFT bin (Goertzel-like projection). */
function binAmplitude(x: Float32Array, freq: number, rate: number): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < x.length; i++) {
    re += x[i]! * Math.cos((2 * Math.PI * freq * i) / rate);
    im += x[i]! * Math.sin((2 * Math.PI * freq * i) / rate);
  }
  return (2 * Math.hypot(re, im)) / x.length;
}

describe('FIR design', () => {
  it('has unity DC gain and ≥ 60 dB stop band', () => {
    const h = designLowpass(48, 0.225);
    expect(responseDb(h, 0)).toBeCloseTo(0, 3);
    expect(responseDb(h, 0.3)).toBeLessThan(-60);
    expect(responseDb(h, 0.4)).toBeLessThan(-60);
    expect(responseDb(h, 0.15)).toBeGreaterThan(-0.5);
  });
});

describe('Resampler', () => {
  it('8→16 kHz keeps a 1 kHz tone and produces no image at 7 kHz', () => {
    const y = resampleAll(tone(1000, 8000, 8000), 8000, 16000);
    expect(y.length).toBeGreaterThanOrEqual(15990);
    const body = y.subarray(200, 15800);
    expect(binAmplitude(body, 1000, 16000)).toBeGreaterThan(0.48);
    // Linear interpolation leaves an image at 8000-1000 Hz around -30 dB; the FIR must not.
    expect(binAmplitude(body, 7000, 16000)).toBeLessThan(0.5 * 10 ** (-60 / 20));
  });

  it('16→8 kHz removes content above 4 kHz instead of folding it', () => {
    const y = resampleAll(tone(5000, 16000, 16000), 16000, 8000);
    expect(rms(y.subarray(100))).toBeLessThan(0.01);
    const pass = resampleAll(tone(1000, 16000, 16000), 16000, 8000);
    expect(binAmplitude(pass.subarray(100, 7900), 1000, 8000)).toBeGreaterThan(0.48);
  });

  it('streaming in 20 ms frames equals one-shot processing', () => {
    const x = tone(440, 8000, 1600);
    const whole = resampleAll(x, 8000, 16000);
    const r = new Resampler(8000, 16000);
    const parts: number[] = [];
    const out = new Float32Array(400);
    for (let i = 0; i < x.length; i += 160) {
      const n = r.process(x.subarray(i, i + 160), out);
      expect(n).toBe(320);
      parts.push(...out.subarray(0, n));
    }
    expect(parts.length).toBe(whole.length);
    for (let i = 0; i < parts.length; i++) expect(parts[i]).toBeCloseTo(whole[i]!, 5);
  });

  it('48→16 kHz (Opus) gives exactly a third of the samples over time', () => {
    const r = new Resampler(48000, 16000);
    const out = new Float32Array(400);
    let total = 0;
    for (let i = 0; i < 50; i++) total += r.process(new Float32Array(960), out);
    expect(total).toBe(16000);
  });
});
