import { describe, expect, it } from 'vitest';
import { EchoGate } from './echo-gate.ts';

/** Feed `frames` frames of robot level `ref` and inbound level `inb(f)`. */
function feed(gate: EchoGate, from: number, frames: number, ref: number, inb: (f: number) => number): void {
  for (let f = from; f < from + frames; f++) {
    gate.pushReference(ref);
    gate.judge(f, inb(f));
  }
}

describe('EchoGate', () => {
  it('scores our own prompt echoed at -14 dB as echo, and learns the ERL', () => {
    const gate = new EchoGate(true);
    feed(gate, 0, 100, 0.2, () => 0.2 * 10 ** (-14 / 20));
    expect(gate.nearEndScore(50, 100)).toBe(0);
    expect(gate.erlDb).toBeLessThan(-12);
  });

  it('scores a callee talking over the prompt (a little quieter than it, with gaps) as near end', () => {
    const gate = new EchoGate(true);
    feed(gate, 0, 100, 0.2, () => 0.2 * 10 ** (-14 / 20));
    // Speech with gaps: half the frames 3 dB below the prompt level, the rest only echo.
    feed(gate, 100, 30, 0.2, (f) => (f % 2 ? 0.2 * 10 ** (-3 / 20) : 0.2 * 10 ** (-14 / 20)));
    expect(gate.nearEndScore(100, 130)).toBeGreaterThanOrEqual(0.5);
  });

  it('with no robot audio, speech is near end and line noise is not', () => {
    const gate = new EchoGate(true);
    feed(gate, 0, 10, 0, () => 0.05);
    expect(gate.nearEndScore(0, 10)).toBeGreaterThan(0.9);
    feed(gate, 10, 10, 0, () => 0.002);
    expect(gate.nearEndScore(10, 20)).toBe(0);
  });

  it('starts conservative: before any echo was seen, -6 dB is assumed', () => {
    const gate = new EchoGate(true);
    feed(gate, 0, 5, 0.2, () => 0.2 * 10 ** (-12 / 20));
    expect(gate.nearEndScore(0, 5)).toBeLessThan(0.5);
  });

  it('disabled: everything is the callee', () => {
    const gate = new EchoGate(false);
    feed(gate, 0, 5, 1, () => 0.01);
    expect(gate.nearEndScore(0, 5)).toBe(1);
  });
});
