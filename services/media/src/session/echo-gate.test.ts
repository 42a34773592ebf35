import { describe, expect, it } from 'vitest';
import { EchoGate } from './echo-gate.ts';

describe('EchoGate', () => {
  it('treats a -10 dB copy of the prompt as echo and louder speech over it as the callee', () => {
    const gate = new EchoGate(true, 0.5, 400);
    for (let i = 0; i < 20; i++) gate.pushReference(0.3);
    for (let f = 0; f < 10; f++) expect(gate.judge(f, 0.3 * 0.316)).toBe(false);
    for (let f = 10; f < 20; f++) expect(gate.judge(f, 0.25)).toBe(true);
    expect(gate.nearEndRatio(0, 10)).toBe(0);
    expect(gate.nearEndRatio(5, 15)).toBe(0.5);
    expect(gate.nearEndRatio(10, 20)).toBe(1);
  });

  it('opens once the echo tail has passed after the prompt stops', () => {
    const gate = new EchoGate(true, 0.5, 100);
    for (let i = 0; i < 5; i++) gate.pushReference(0.3);
    expect(gate.judge(0, 0.05)).toBe(false);
    for (let i = 0; i < 5; i++) gate.pushReference(0);
    expect(gate.judge(1, 0.05)).toBe(true);
  });

  it('disabled: everything is the callee', () => {
    const gate = new EchoGate(false);
    gate.pushReference(1);
    expect(gate.judge(0, 0.01)).toBe(true);
    expect(gate.nearEndRatio(0, 1)).toBe(1);
  });
});
