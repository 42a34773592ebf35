import { describe, expect, it } from 'vitest';
import { FrameClock, type ClockDriver } from './frame-clock.ts';

/** A fake monotonic clock: timers fire only when the test advances time. */
function fakeDriver() {
  let now = 1000;
  let timer: { at: number; fn: () => void } | undefined;
  const driver: ClockDriver = {
    now: () => now,
    schedule: (fn, ms) => {
      const t = { at: now + ms, fn };
      timer = t;
      return () => {
        if (timer === t) timer = undefined;
      };
    },
  };
  /** Advance to `to`, firing the timer late by `lateMs` each time (a busy event loop). */
  const advance = (to: number, lateMs = 0) => {
    while (timer && timer.at + lateMs <= to) {
      const t = timer;
      timer = undefined;
      now = t.at + lateMs;
      t.fn();
    }
    now = to;
  };
  return { driver, advance, pending: () => timer !== undefined };
}

describe('FrameClock', () => {
  it('emits one frame per 20 ms to every listener', () => {
    const f = fakeDriver();
    const clock = new FrameClock(f.driver);
    const a: number[] = [];
    let b = 0;
    clock.add({ onFrame: (t) => a.push(t) });
    clock.add({ onFrame: () => b++ });
    f.advance(1000 + 20 * 50);
    expect(a.length).toBe(50);
    expect(b).toBe(50);
    expect(a.slice(0, 3)).toEqual([1020, 1040, 1060]);
  });

  it('makes up for late timers so the frame count follows the clock (no drift)', () => {
    const f = fakeDriver();
    const clock = new FrameClock(f.driver);
    let n = 0;
    clock.add({ onFrame: () => n++ });
    f.advance(1000 + 20 * 500, 7); // every wake-up 7 ms late
    expect(n).toBeGreaterThanOrEqual(499);
    expect(n).toBeLessThanOrEqual(500);
    expect(clock.slips).toBe(0);
  });

  it('skips ahead and counts a slip after a stall longer than the catch-up limit', () => {
    const f = fakeDriver();
    const clock = new FrameClock(f.driver, 10);
    let n = 0;
    clock.add({ onFrame: () => n++ });
    f.advance(1020);
    expect(n).toBe(1);
    f.advance(2000, 960); // the process stalled for ~1 s
    expect(clock.slips).toBe(1);
    expect(n).toBeLessThan(1 + 49);
  });

  it('stops when the last listener leaves and survives a throwing listener', () => {
    const f = fakeDriver();
    const errors: unknown[] = [];
    const clock = new FrameClock(f.driver, 10, (e) => errors.push(e));
    let n = 0;
    const good = { onFrame: () => n++ };
    const bad = { onFrame: () => { throw new Error('boom'); } };
    clock.add(bad);
    clock.add(good);
    f.advance(1100);
    expect(n).toBe(5);
    expect(errors.length).toBe(5);
    clock.remove(bad);
    clock.remove(good);
    expect(f.pending()).toBe(false);
    expect(clock.framesEmitted).toBe(5);
  });
});
