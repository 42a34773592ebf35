import { describe, expect, it } from 'vitest';
import { ALAW_TO_INT16, MULAW_TO_INT16, encodeAlawSample, encodeMulawSample } from './g711.ts';

describe('G.711', () => {
  it('µ-law: every code decodes and re-encodes to itself (except the duplicate zero)', () => {
    for (let b = 0; b < 256; b++) {
      const back = encodeMulawSample(MULAW_TO_INT16[b]!);
      if (b === 0x7f) expect(back).toBe(0xff); // -0 and +0 share a level
      else expect(back).toBe(b);
    }
  });
  it('A-law: every code round-trips', () => {
    for (let b = 0; b < 256; b++) expect(encodeAlawSample(ALAW_TO_INT16[b]!)).toBe(b);
  });
  it('known values', () => {
    expect(encodeMulawSample(0)).toBe(0xff);
    expect(MULAW_TO_INT16[0x00]).toBe(-32124);
    expect(MULAW_TO_INT16[0x80]).toBe(32124);
    expect(encodeAlawSample(0)).toBe(0xd5);
    expect(ALAW_TO_INT16[0xd5]).toBe(8);
  });
  it('quantisation error stays within the segment step', () => {
    for (let s = -32000; s <= 32000; s += 37) {
      const mu = MULAW_TO_INT16[encodeMulawSample(s)]!;
      const al = ALAW_TO_INT16[encodeAlawSample(s)]!;
      const tol = Math.max(16, Math.abs(s) / 16);
      expect(Math.abs(mu - s)).toBeLessThanOrEqual(tol + 8);
      expect(Math.abs(al - s)).toBeLessThanOrEqual(tol + 8);
    }
  });
});
