/**
 * Live measurements of one campaign for pacing: answer probability (recent window blended with
 * the same hour's history, so the estimate follows the time of day) and the empirical
 * distributions of answer delay, unanswered ring time and call length. Fed by attempt outcomes.
 */
export interface EstimatorOptions {
  /** Outcomes in the recent answer-rate window. */
  window: number;
  /** Samples kept per distribution. */
  samples: number;
  priorAnswerRate: number;
  priorAnswerDelayS: number;
  priorUnansweredS: number;
  priorTalkS: number;
}

export const ESTIMATOR_DEFAULTS: EstimatorOptions = { window: 300, samples: 500, priorAnswerRate: 0.3, priorAnswerDelayS: 10, priorUnansweredS: 25, priorTalkS: 60 };

const PRIOR_WEIGHT = 20;
/** Below this many samples a distribution falls back to an exponential with the prior mean. */
const MIN_SAMPLES = 20;

/** A sliding sample of durations with its empirical survival function. */
export class DurationSample {
  private readonly ring: number[] = [];
  private next = 0;
  private sorted: number[] | null = null;
  private sum = 0;

  constructor(
    private readonly capacity: number,
    private readonly priorMeanS: number,
  ) {}

  add(x: number): void {
    if (this.ring.length < this.capacity) this.ring.push(x);
    else {
      this.sum -= this.ring[this.next]!;
      this.ring[this.next] = x;
      this.next = (this.next + 1) % this.capacity;
    }
    this.sum += x;
    this.sorted = null;
  }

  mean(): number {
    const n = this.ring.length;
    return n < MIN_SAMPLES ? (this.sum + this.priorMeanS * (MIN_SAMPLES - n)) / MIN_SAMPLES : this.sum / n;
  }

  /** P(duration > x). */
  survival(x: number): number {
    if (this.ring.length < MIN_SAMPLES) return Math.exp(-x / this.mean());
    this.sorted ??= [...this.ring].sort((a, b) => a - b);
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return (s.length - lo) / s.length;
  }

  /** P(ends within `h` more seconds | lasted `age` so far). */
  endsWithin(age: number, h: number): number {
    const alive = this.survival(age);
    if (alive <= 0) return 1;
    return Math.min(1, Math.max(0, (alive - this.survival(age + h)) / alive));
  }
}

export class CampaignEstimator {
  private readonly recent: boolean[] = [];
  private recentHumans = 0;
  private readonly hourHumans = new Float64Array(24);
  private readonly hourTotal = new Float64Array(24);
  readonly answerDelay: DurationSample;
  readonly unanswered: DurationSample;
  readonly talk: DurationSample;

  constructor(
    private readonly opts: EstimatorOptions = ESTIMATOR_DEFAULTS,
    /** Local hour for a timestamp (campaign's reference zone). */
    private readonly hourOf: (ms: number) => number = (ms) => new Date(ms).getUTCHours(),
  ) {
    this.answerDelay = new DurationSample(opts.samples, opts.priorAnswerDelayS);
    this.unanswered = new DurationSample(opts.samples, opts.priorUnansweredS);
    this.talk = new DurationSample(opts.samples, opts.priorTalkS);
  }

  /** A dial stopped ringing: reached a human or not, after `ringS` seconds. */
  recordDial(human: boolean, ringS: number, atMs: number): void {
    this.recent.push(human);
    if (human) this.recentHumans++;
    if (this.recent.length > this.opts.window && this.recent.shift()) this.recentHumans--;
    const h = this.hourOf(atMs);
    this.hourTotal[h]! += 1;
    if (human) this.hourHumans[h]! += 1;
    (human ? this.answerDelay : this.unanswered).add(ringS);
  }

  recordTalk(talkS: number): void {
    this.talk.add(talkS);
  }

  /** Answer probability now: the recent window, pulled toward this hour's history and the prior. */
  answerRate(nowMs: number): number {
    const h = this.hourOf(nowMs);
    const hourRate = (this.hourHumans[h]! + this.opts.priorAnswerRate * PRIOR_WEIGHT) / (this.hourTotal[h]! + PRIOR_WEIGHT);
    return (this.recentHumans + hourRate * PRIOR_WEIGHT) / (this.recent.length + PRIOR_WEIGHT);
  }

  meanAnswerDelayS(): number {
    return this.answerDelay.mean();
  }

  meanUnansweredS(): number {
    return this.unanswered.mean();
  }

  meanTalkS(): number {
    return this.talk.mean();
  }

  /** P(a dial out for `ageS` still reaches a human): answer vs give-up as competing survivals. */
  stillAnswers(p: number, ageS: number): number {
    const a = p * this.answerDelay.survival(ageS);
    const o = (1 - p) * this.unanswered.survival(ageS);
    return a + o > 0 ? a / (a + o) : 0;
  }

  /** P(a call that has lasted `ageS` ends within `horizonS`). */
  releases(ageS: number, horizonS: number): number {
    return this.talk.endsWithin(ageS, horizonS);
  }
}
