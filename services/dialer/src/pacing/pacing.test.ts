import { describe, expect, it } from 'vitest';
import type { PacingSnapshot } from './controller.ts';
import { CpsLimiter } from './cps.ts';
import { CampaignEstimator, DurationSample } from './estimators.ts';
import { FixedRatioController } from './fixed-ratio.ts';
import { expectedExcess, normCdf, PredictiveController } from './predictive.ts';
import { VicidialAdaptiveController } from './vicidial-adaptive.ts';

const snap = (over: Partial<PacingSnapshot> = {}): PacingSnapshot => ({
  nowMs: 0,
  freeSlots: 10,
  busySlots: 50,
  busyAgesS: Array.from({ length: 50 }, (_, i) => i * 3),
  outstandingAgesS: [],
  answerRate: 0.3,
  meanAnswerDelayS: 8,
  meanUnansweredS: 25,
  meanTalkS: 80,
  windowLive: 1000,
  windowAbandoned: 10,
  abandonThreshold: 0.03,
  maxConcurrent: 1000,
  ...over,
});

describe('normal helpers', () => {
  it('normCdf and expected excess', () => {
    expect(normCdf(0)).toBeCloseTo(0.5, 6);
    expect(normCdf(1.96)).toBeCloseTo(0.975, 3);
    expect(expectedExcess(10, 0, 7)).toBe(3);
    expect(expectedExcess(0, 1, 0)).toBeCloseTo(0.3989, 3);
    expect(expectedExcess(0, 1, 5)).toBeLessThan(1e-5);
  });
});

describe('FixedRatioController', () => {
  it('keeps ratio × free robots out, within the concurrency cap', () => {
    expect(new FixedRatioController(1).decide(snap({ outstandingAgesS: [1, 2, 3] })).dials).toBe(7);
    expect(new FixedRatioController(3).decide(snap()).dials).toBe(30);
    expect(new FixedRatioController(3).decide(snap({ maxConcurrent: 55 })).dials).toBe(5);
  });
});

describe('PredictiveController', () => {
  it('dials beyond the free robots when the abandon ratio leaves room, and never fewer than one per free robot', () => {
    const c = new PredictiveController({ margin: 0.25, maxStep: 200, gain: 0.01, initialEps: 0.02, hardBrake: 0.95 });
    const d = c.decide(snap());
    expect(d.dials).toBeGreaterThan(10);
    expect(d.dialLevel).toBeGreaterThan(1);
    expect(c.decide(snap({ busySlots: 0, busyAgesS: [], freeSlots: 5, answerRate: 0.99 })).dials).toBeGreaterThanOrEqual(5);
  });
  it('brakes to one line per free robot at the limit', () => {
    const c = new PredictiveController();
    expect(c.decide(snap({ windowAbandoned: 30 })).dials).toBe(10);
    expect(c.decide(snap({ windowAbandoned: 30, outstandingAgesS: [1, 1, 1, 1] })).dials).toBe(6);
  });
  it('learns: abandons shrink ε, clean answers grow it', () => {
    const c = new PredictiveController();
    c.decide(snap({ windowLive: 1000, windowAbandoned: 0 }));
    const start = c.eps;
    c.decide(snap({ windowLive: 1010, windowAbandoned: 5 }));
    expect(c.eps).toBeLessThan(start);
    const low = c.eps;
    c.decide(snap({ windowLive: 1300, windowAbandoned: 5 }));
    expect(c.eps).toBeGreaterThan(low);
  });
  it('counts dials already out and robots about to free', () => {
    const c = new PredictiveController({ margin: 0.25, maxStep: 200, gain: 0.01, initialEps: 0.02, hardBrake: 0.95 });
    const idle = c.decide(snap()).dials;
    const crowded = new PredictiveController({ margin: 0.25, maxStep: 200, gain: 0.01, initialEps: 0.02, hardBrake: 0.95 }).decide(snap({ outstandingAgesS: Array(20).fill(1) })).dials;
    expect(crowded).toBeLessThan(idle);
    const ending = new PredictiveController({ margin: 0.25, maxStep: 200, gain: 0.01, initialEps: 0.02, hardBrake: 0.95 }).decide(snap({ releases: () => 0.9 })).dials;
    expect(ending).toBeGreaterThan(idle);
  });
});

describe('VicidialAdaptiveController', () => {
  it('raises the level while robots idle and drops to 1.0 at the drop target', () => {
    const c = new VicidialAdaptiveController();
    let t = 0;
    for (let i = 0; i < 40; i++) c.decide(snap({ nowMs: (t += 1000), windowAbandoned: 0, freeSlots: 20, busySlots: 40 }));
    const high = c.decide(snap({ nowMs: (t += 1000), windowAbandoned: 0 })).dialLevel;
    expect(high).toBeGreaterThan(1);
    expect(c.decide(snap({ nowMs: (t += 16_000), windowAbandoned: 40, windowLive: 1000 })).dialLevel).toBe(1);
  });
});

describe('CpsLimiter', () => {
  it('grants at most the rate per second with a burst', () => {
    const l = new CpsLimiter(5);
    expect(l.take(10, 0)).toBe(5);
    expect(l.take(10, 0)).toBe(0);
    expect(l.take(10, 400)).toBe(2);
    expect(l.take(10, 10_000)).toBe(5);
  });
});

describe('estimators', () => {
  it('empirical survival and conditional ends', () => {
    const d = new DurationSample(100, 60);
    expect(d.survival(60)).toBeCloseTo(Math.exp(-1), 6); // prior until enough samples
    for (let i = 1; i <= 100; i++) d.add(i);
    expect(d.mean()).toBeCloseTo(50.5, 6);
    expect(d.survival(50)).toBeCloseTo(0.5, 6);
    expect(d.endsWithin(90, 5)).toBeCloseTo(0.5, 6);
    expect(d.endsWithin(200, 5)).toBe(1);
  });
  it('answer rate follows the recent window, anchored to the hour', () => {
    const e = new CampaignEstimator(undefined, () => 10);
    expect(e.answerRate(0)).toBeCloseTo(0.3, 6);
    for (let i = 0; i < 300; i++) e.recordDial(i % 2 === 0, 5, 0);
    expect(e.answerRate(0)).toBeGreaterThan(0.45);
    expect(e.stillAnswers(0.5, 0)).toBeCloseTo(0.5, 1);
  });
});
