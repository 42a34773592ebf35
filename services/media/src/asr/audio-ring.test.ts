import { describe, expect, it } from 'vitest';
import { AudioRing } from './audio-ring.ts';

describe('AudioRing', () => {
  it('delivers samples in order across the wrap', () => {
    const ring = new AudioRing(1000);
    const out = new Float32Array(512);
    let next = 0;
    let expected = 0;
    for (let f = 0; f < 40; f++) {
      const frame = new Float32Array(320).map(() => next++);
      expect(ring.write(frame)).toBe(0);
      while (ring.readInto(out)) for (const v of out) expect(v).toBe(expected++);
    }
    expect(ring.read).toBe(expected);
    expect(ring.written).toBe(next);
  });

  it('overwrites the oldest audio when the reader falls a ring behind, and says how much', () => {
    const ring = new AudioRing(1000);
    ring.write(new Float32Array(800));
    expect(ring.write(new Float32Array(800).fill(1))).toBe(600);
    expect(ring.available()).toBe(1000);
    const out = new Float32Array(1000);
    expect(ring.readInto(out)).toBe(true);
    expect(out[199]).toBe(0);
    expect(out[200]).toBe(1);
  });

  it('is shared: a second view on the same buffer sees the writes', () => {
    const a = new AudioRing(100);
    const b = new AudioRing(a.buffer);
    a.write(new Float32Array([1, 2, 3]));
    const out = new Float32Array(3);
    expect(b.readInto(out)).toBe(true);
    expect([...out]).toEqual([1, 2, 3]);
    expect(a.read).toBe(3);
  });
});
