/**
 * Pacing controllers decide how many new calls to place right now. Pure: a snapshot in, a
 * decision out; the pacer (production) and the simulator (bench) both drive them.
 */
export interface PacingSnapshot {
  nowMs: number;
  /** Robot slots free right now (after reservations for calls being connected). */
  freeSlots: number;
  /** Robot slots busy with calls of this campaign. */
  busySlots: number;
  /** Seconds each busy slot's call has lasted so far. */
  busyAgesS: readonly number[];
  /** Seconds each dial not yet answered or ended has been out. */
  outstandingAgesS: readonly number[];
  /** Probability a dial reaches a live human (recent, time-of-day aware). */
  answerRate: number;
  /** Mean seconds from dial to a human answer. */
  meanAnswerDelayS: number;
  /** Mean seconds a dial that ends unanswered stays out. */
  meanUnansweredS: number;
  /** Mean call length once answered. */
  meanTalkS: number;
  /** Measured distributions, when known: P(a dial out `ageS` still reaches a human); P(a call `ageS` old ends within `horizonS`). */
  stillAnswers?: (p: number, ageS: number) => number;
  releases?: (ageS: number, horizonS: number) => number;
  /** Live answers and abandons within the rule's rolling window. */
  windowLive: number;
  windowAbandoned: number;
  /** Maximum abandon ratio of the campaign's rule, e.g. 0.03. */
  abandonThreshold: number;
  /** Campaign cap on dials out plus calls in progress. */
  maxConcurrent: number;
}

export interface PacingDecision {
  /** New dials to place now (before the CPS cap). */
  dials: number;
  /** Lines per available robot the controller currently aims for (a gauge). */
  dialLevel: number;
}

export interface PacingController {
  readonly name: string;
  decide(s: PacingSnapshot): PacingDecision;
}

/** Room left under the campaign's concurrency cap. */
export function headroom(s: PacingSnapshot): number {
  return Math.max(0, s.maxConcurrent - s.busySlots - s.outstandingAgesS.length);
}
