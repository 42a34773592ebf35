import { headroom, type PacingController, type PacingDecision, type PacingSnapshot } from './controller.ts';

/**
 * Our controller: place as many dials as keep the expected abandons of the calls out (plus the
 * new ones) within a budget, given the robots expected to be free when those calls answer.
 *
 * Answers A among the outstanding and new dials are a sum of Bernoulli trials (normal
 * approximation); capacity C is the free slots plus the busy slots expected to finish within
 * the answer delay. We pick the largest n with E[(A − C)+] ≤ ε · E[A]. ε is the abandon budget:
 * the target ratio (threshold minus a safety margin) scaled down as the rolling ratio approaches
 * the limit, and zero above it — braking harder near the limit.
 */
export interface PredictiveOptions {
  /** Fraction of the threshold held back as a safety margin. */
  margin: number;
  /** Maximum dials one decision may add (smooths bursts). */
  maxStep: number;
}

export const PREDICTIVE_DEFAULTS: PredictiveOptions = { margin: 0.25, maxStep: 50 };

const SQRT2PI = Math.sqrt(2 * Math.PI);

function normPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT2PI;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf). */
function normCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** E[(X − c)+] for X ~ Normal(mu, sigma²). */
export function expectedExcess(mu: number, sigma: number, c: number): number {
  if (sigma <= 1e-9) return Math.max(0, mu - c);
  const z = (mu - c) / sigma;
  return (mu - c) * normCdf(z) + sigma * normPdf(z);
}

/** Probability that a dial out for `ageS` seconds still reaches a human (memoryless ringing). */
export function pendingAnswerProb(p: number, ageS: number, meanAnswerDelayS: number, meanUnansweredS: number): number {
  // Answer and give-up are competing clocks; after `age` without either, the odds shift by their survivals.
  const answerSurvive = p * Math.exp(-ageS / Math.max(1, meanAnswerDelayS));
  const otherSurvive = (1 - p) * Math.exp(-ageS / Math.max(1, meanUnansweredS));
  const total = answerSurvive + otherSurvive;
  return total > 0 ? answerSurvive / total : 0;
}

export class PredictiveController implements PacingController {
  readonly name = 'ours';
  constructor(private readonly opts: PredictiveOptions = PREDICTIVE_DEFAULTS) {}

  /** Abandon budget ε for the next calls given the rolling window. */
  budget(s: PacingSnapshot): number {
    const target = s.abandonThreshold * (1 - this.opts.margin);
    // Before enough answers exist, act as if a pessimistic prior of half the target had been seen.
    const priorLive = 50;
    const ratio = (s.windowAbandoned + 0.5 * target * priorLive) / (s.windowLive + priorLive);
    if (ratio >= s.abandonThreshold) return 0;
    // Linear brake: full target at ratio 0, tapering to nothing at the threshold.
    return target * Math.min(1.5, (s.abandonThreshold - ratio) / (s.abandonThreshold - target) / 2 + 0.25);
  }

  decide(s: PacingSnapshot): PacingDecision {
    const room = headroom(s);
    const p = Math.min(0.99, Math.max(0.01, s.answerRate));
    const horizon = s.meanAnswerDelayS;
    let mu = 0;
    let variance = 0;
    for (const age of s.outstandingAgesS) {
      const q = pendingAnswerProb(p, age, s.meanAnswerDelayS, s.meanUnansweredS);
      mu += q;
      variance += q * (1 - q);
    }
    const releaseProb = 1 - Math.exp(-horizon / Math.max(1, s.meanTalkS));
    let capacity = Math.max(0, s.freeSlots);
    for (let i = 0; i < s.busyAgesS.length; i++) capacity += releaseProb;
    const eps = this.budget(s);
    let n = 0;
    const limit = Math.min(room, this.opts.maxStep);
    while (n < limit) {
      const m = mu + (n + 1) * p;
      const v = variance + (n + 1) * p * (1 - p);
      if (expectedExcess(m, Math.sqrt(v), capacity) > eps * m) break;
      n++;
    }
    // Never idle a free robot for lack of nerve: one line per free slot is abandon-free.
    n = Math.max(n, Math.min(room, Math.max(0, Math.floor(s.freeSlots) - s.outstandingAgesS.length)));
    const available = Math.max(1, s.freeSlots + s.busySlots * releaseProb);
    return { dials: n, dialLevel: (s.outstandingAgesS.length + n) / available };
  }
}
