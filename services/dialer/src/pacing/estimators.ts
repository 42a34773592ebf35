/**
 * Live measurements of one campaign for pacing: answer probability (recent window blended with
 * the same hour's history, so the estimate follows the time of day), answer delay, unanswered
 * ring time and talk time. Fed by attempt outcomes; pure apart from what it is told.
 */
export interface EstimatorOptions {
  /** Outcomes in the recent window. */
  window: number;
  /** Prior answer rate before anything is measured. */
  priorAnswerRate: number;
  priorAnswerDelayS: number;
  priorUnansweredS: number;
  priorTalkS: number;
}

export const ESTIMATOR_DEFAULTS: EstimatorOptions = { window: 200, priorAnswerRate: 0.3, priorAnswerDelayS: 12, priorUnansweredS: 25, priorTalkS: 60 };

const PRIOR_WEIGHT = 20;
const EWMA = 0.05;

export class CampaignEstimator {
  private readonly recent: boolean[] = [];
  private recentHumans = 0;
  private readonly hourHumans = new Float64Array(24);
  private readonly hourTotal = new Float64Array(24);
  private answerDelayS: number;
  private unansweredS: number;
  private talkS: number;

  constructor(
    private readonly opts: EstimatorOptions = ESTIMATOR_DEFAULTS,
    /** Local hour for a timestamp (campaign's reference zone). */
    private readonly hourOf: (ms: number) => number = (ms) => new Date(ms).getUTCHours(),
  ) {
    this.answerDelayS = opts.priorAnswerDelayS;
    this.unansweredS = opts.priorUnansweredS;
    this.talkS = opts.priorTalkS;
  }

  /** A dial ended ringing: reached a human or not, after `ringS` seconds. */
  recordDial(human: boolean, ringS: number, atMs: number): void {
    this.recent.push(human);
    if (human) this.recentHumans++;
    if (this.recent.length > this.opts.window && this.recent.shift()) this.recentHumans--;
    const h = this.hourOf(atMs);
    this.hourTotal[h]! += 1;
    if (human) this.hourHumans[h]! += 1;
    if (human) this.answerDelayS += EWMA * (ringS - this.answerDelayS);
    else this.unansweredS += EWMA * (ringS - this.unansweredS);
  }

  recordTalk(talkS: number): void {
    this.talkS += EWMA * (talkS - this.talkS);
  }

  /** Answer probability now: the recent window, pulled toward this hour's history and the prior. */
  answerRate(nowMs: number): number {
    const h = this.hourOf(nowMs);
    const hourRate = (this.hourHumans[h]! + this.opts.priorAnswerRate * PRIOR_WEIGHT) / (this.hourTotal[h]! + PRIOR_WEIGHT);
    // The hour's history anchors a short window; a full window speaks for itself.
    return (this.recentHumans + hourRate * PRIOR_WEIGHT) / (this.recent.length + PRIOR_WEIGHT);
  }

  meanAnswerDelayS(): number {
    return this.answerDelayS;
  }

  meanUnansweredS(): number {
    return this.unansweredS;
  }

  meanTalkS(): number {
    return this.talkS;
  }
}
