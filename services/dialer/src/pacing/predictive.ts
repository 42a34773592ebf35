import { headroom, type PacingController, type PacingDecision, type PacingSnapshot } from './controller.ts';

/**
 * Our controller: a predictive model of the next answer delay, tuned online by the measured
 * abandon ratio.
 *
 * Model: answers A among the dials out (each weighted by how likely it still is to answer after
 * ringing so long, from the measured ring-time distributions) and the new dials are a sum of
 * Bernoulli trials (normal approximation); capacity C is the free robots plus the busy ones
 * expected to finish within the answer delay (from the measured call-length distribution, given
 * how long each call has lasted). We place the largest n with E[(A − C)+] ≤ ε · E[A].
 *
 * Feedback: the model's ε is not trusted as the abandon ratio it produces. ε moves by stochastic
 * approximation toward the target ratio (threshold minus a safety margin): every live answer
 * raises log ε a little, every abandon lowers it by 1/target as much, so it settles where the
 * measured ratio equals the target. Brakes: ε starts small (a young window is not trusted), and
 * once the rule's rolling ratio nears the limit only one line per free robot is allowed — which
 * cannot abandon.
 */
export interface PredictiveOptions {
  /** Fraction of the threshold held back as a safety margin. */
  margin: number;
  /** Maximum dials one decision may add (smooths bursts). */
  maxStep: number;
  /** Step of log ε per live answer. */
  gain: number;
  /** ε at start. */
  initialEps: number;
  /** Rolling ratio (as a fraction of the threshold) at which over-dialing stops. */
  hardBrake: number;
}

export const PREDICTIVE_DEFAULTS: PredictiveOptions = { margin: 0.25, maxStep: 50, gain: 0.01, initialEps: 0.001, hardBrake: 0.95 };

const SQRT2PI = Math.sqrt(2 * Math.PI);
const MIN_EPS = 1e-6;
const MAX_EPS = 0.5;

function normPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT2PI;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf approximation, |error| < 1.5e-7). */
export function normCdf(z: number): number {
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

/** Probability that a dial out for `ageS` seconds still reaches a human (competing exponential clocks). */
export function pendingAnswerProb(p: number, ageS: number, meanAnswerDelayS: number, meanUnansweredS: number): number {
  const answerSurvive = p * Math.exp(-ageS / Math.max(1, meanAnswerDelayS));
  const otherSurvive = (1 - p) * Math.exp(-ageS / Math.max(1, meanUnansweredS));
  const total = answerSurvive + otherSurvive;
  return total > 0 ? answerSurvive / total : 0;
}

export class PredictiveController implements PacingController {
  readonly name = 'ours';
  private logEps: number;
  private seenLive: number | null = null;
  private seenAbandoned = 0;

  constructor(private readonly opts: PredictiveOptions = PREDICTIVE_DEFAULTS) {
    this.logEps = Math.log(opts.initialEps);
  }

  /** Current ε (share of expected answers allowed to find no robot). */
  get eps(): number {
    return Math.exp(this.logEps);
  }

  /** Learn from the answers and abandons since the last decision. */
  private learn(s: PacingSnapshot): void {
    const target = s.abandonThreshold * (1 - this.opts.margin);
    if (this.seenLive !== null) {
      // The window slides: old answers leaving it must not count as new ones.
      const dLive = Math.max(0, s.windowLive - this.seenLive);
      const dAbandoned = Math.max(0, s.windowAbandoned - this.seenAbandoned);
      this.logEps += this.opts.gain * (dLive - dAbandoned / target);
      this.logEps = Math.min(Math.log(MAX_EPS), Math.max(Math.log(MIN_EPS), this.logEps));
    }
    this.seenLive = s.windowLive;
    this.seenAbandoned = s.windowAbandoned;
  }

  decide(s: PacingSnapshot): PacingDecision {
    this.learn(s);
    const room = headroom(s);
    const p = Math.min(0.99, Math.max(0.01, s.answerRate));
    const horizon = s.meanAnswerDelayS;
    let mu = 0;
    let variance = 0;
    for (const age of s.outstandingAgesS) {
      const q = s.stillAnswers ? s.stillAnswers(p, age) : pendingAnswerProb(p, age, s.meanAnswerDelayS, s.meanUnansweredS);
      mu += q;
      variance += q * (1 - q);
    }
    const releaseProb = 1 - Math.exp(-horizon / Math.max(1, s.meanTalkS));
    let capacity = Math.max(0, s.freeSlots);
    for (const age of s.busyAgesS) capacity += s.releases ? s.releases(age, horizon) : releaseProb;
    const ratio = s.windowLive > 0 ? s.windowAbandoned / s.windowLive : 0;
    const braking = ratio >= this.opts.hardBrake * s.abandonThreshold;
    let n = 0;
    if (!braking) {
      const eps = this.eps;
      const limit = Math.min(room, this.opts.maxStep);
      while (n < limit) {
        const m = mu + (n + 1) * p;
        const v = variance + (n + 1) * p * (1 - p);
        if (expectedExcess(m, Math.sqrt(v), capacity) > eps * m) break;
        n++;
      }
    }
    // One line per free robot can never abandon: always allowed.
    n = Math.max(n, Math.min(room, Math.max(0, Math.floor(s.freeSlots) - s.outstandingAgesS.length)));
    return { dials: n, dialLevel: (s.outstandingAgesS.length + n) / Math.max(1, capacity) };
  }
}
