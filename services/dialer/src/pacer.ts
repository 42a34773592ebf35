import type { Logger, Pool } from '@voicebot/common';
import type { CampaignRules } from './campaign-spec.ts';
import { localTime } from './compliance/local-time.ts';
import { zonesForCountry } from './phone.ts';
import type { PacingController } from './pacing/controller.ts';
import { CpsLimiter } from './pacing/cps.ts';
import { claimLeads, type ClaimedAttempt } from './store/claims.ts';
import { acquireLease } from './store/lease.ts';
import { abandonWindow } from './store/stats.ts';
import { liveAttemptsOf } from './store/attempts.ts';
import { recentDials } from './store/stats.ts';
import { CampaignEstimator as Estimator } from './pacing/estimators.ts';
import type { DialerMetrics } from './metrics.ts';

/** Local hour in the campaign's reference zone (forced zone, else its default region's first zone, else UTC): answer rates follow the callees' day. */
export function campaignHourOf(rules: CampaignRules): (ms: number) => number {
  const zone = rules.timezonePolicy !== 'lead' ? rules.timezonePolicy : zonesForCountry(rules.defaultRegion)[0];
  if (!zone) return (ms) => new Date(ms).getUTCHours();
  return (ms) => Math.floor(localTime(ms, zone).minute / 60);
}

/** What a pacer may do and see: narrow on purpose (design note 9). */
export interface PacerHelper {
  pool: Pool;
  log: Logger;
  metrics: DialerMetrics;
  owner: string;
  leaseTtlMs: number;
  /** Free robot slots this campaign may count on now. */
  freeSlots(nowMs: number): number;
  /** Place a claimed call (attempt row already committed) after `delayMs` (spacing under the CPS cap). */
  place(attempt: ClaimedAttempt, rules: CampaignRules, delayMs: number): void;
  /** Pacing loop period, for the CPS bucket's burst. */
  tickMs: number;
}

/** Length of each abandon rule's rolling window. */
export const RULE_WINDOW_MS: Record<CampaignRules['abandonRule']['kind'], number> = { fcc_30d: 30 * 86_400_000, ofcom_24h: 86_400_000 };
const ABANDON_REFRESH_MS = 5000;
const ESTIMATOR_REFRESH_MS = 10_000;
const ESTIMATOR_HISTORY = 2000;

/** One running campaign's pacing loop: holds the campaign lease, asks the controller, claims, places. */
export class CampaignPacer {
  private readonly cps: CpsLimiter;
  private abandon = { live: 0, abandoned: 0, atMs: -Infinity };
  private leaseHeld = false;
  private estimatorAtMs = -Infinity;
  estimator: Estimator;
  dialLevel = 0;

  constructor(
    readonly campaignId: string,
    public rules: CampaignRules,
    private readonly controller: PacingController,
    private readonly h: PacerHelper,
  ) {
    // Burst of one tick's worth; the calls of a tick are spaced 1/CPS apart, so no second sees more than the cap.
    this.cps = new CpsLimiter(rules.maxCallsPerSecond, Math.max(1, (rules.maxCallsPerSecond * h.tickMs) / 1000));
    this.estimator = new Estimator(undefined, campaignHourOf(rules));
  }

  /** Whether this process paced the campaign at its last tick. */
  get pacing(): boolean {
    return this.leaseHeld;
  }

  get leaseName(): string {
    return `pacer:${this.campaignId}`;
  }

  abandonRatio(): number {
    return this.abandon.live > 0 ? this.abandon.abandoned / this.abandon.live : 0;
  }

  async tick(nowMs: number): Promise<number> {
    this.leaseHeld = await acquireLease(this.h.pool, this.leaseName, this.h.owner, nowMs, this.h.leaseTtlMs);
    if (!this.leaseHeld) return 0;
    if (nowMs - this.abandon.atMs > ABANDON_REFRESH_MS) {
      const w = await abandonWindow(this.h.pool, this.campaignId, nowMs - RULE_WINDOW_MS[this.rules.abandonRule.kind]);
      this.abandon = { ...w, atMs: nowMs };
      this.h.metrics.abandonRatio.set({ campaign: this.campaignId }, this.abandonRatio());
    }
    if (nowMs - this.estimatorAtMs > ESTIMATOR_REFRESH_MS) {
      this.estimator = await this.rebuildEstimator();
      this.estimatorAtMs = nowMs;
    }
    const live = await liveAttemptsOf(this.h.pool, this.campaignId);
    const inCall = live.filter((a) => a.state === 'in_call');
    const out = live.filter((a) => a.state !== 'in_call');
    const decision = this.controller.decide({
      nowMs,
      freeSlots: this.h.freeSlots(nowMs),
      busySlots: inCall.length,
      busyAgesS: inCall.map((a) => (nowMs - (a.answeredMs ?? nowMs)) / 1000),
      outstandingAgesS: out.map((a) => (nowMs - a.createdMs) / 1000),
      answerRate: this.estimator.answerRate(nowMs),
      meanAnswerDelayS: this.estimator.meanAnswerDelayS(),
      meanUnansweredS: this.estimator.meanUnansweredS(),
      meanTalkS: this.estimator.meanTalkS(),
      stillAnswers: (p, age) => this.estimator.stillAnswers(p, age),
      releases: (age, h) => this.estimator.releases(age, h),
      windowLive: this.abandon.live,
      windowAbandoned: this.abandon.abandoned,
      abandonThreshold: this.rules.abandonRule.threshold,
      maxConcurrent: this.rules.maxConcurrentCalls,
    });
    this.dialLevel = decision.dialLevel;
    this.h.metrics.dialLevel.set({ campaign: this.campaignId }, decision.dialLevel);
    this.h.metrics.answerRate.set({ campaign: this.campaignId }, this.estimator.answerRate(nowMs));
    if (decision.dials <= 0) return 0;
    const granted = this.cps.take(decision.dials, nowMs);
    if (granted <= 0) return 0;
    const claim = await claimLeads(this.h.pool, {
      campaignId: this.campaignId,
      rules: this.rules,
      limit: granted,
      nowMs,
      lease: { name: this.leaseName, owner: this.h.owner },
    });
    for (const b of claim.blocks) this.h.metrics.blocks.inc({ reason: b.reason });
    claim.attempts.forEach((a, i) => {
      this.h.metrics.claims.inc();
      this.h.place(a, this.rules, (i * 1000) / this.rules.maxCallsPerSecond);
    });
    return claim.attempts.length;
  }

  /** Re-learn the estimates from stored outcomes: every replica and every restart sees the same history. */
  private async rebuildEstimator(): Promise<Estimator> {
    const est = new Estimator(undefined, campaignHourOf(this.rules));
    for (const d of await recentDials(this.h.pool, this.campaignId, ESTIMATOR_HISTORY)) {
      est.recordDial(d.human, d.ringS, d.endedMs);
      if (d.talkS !== null) est.recordTalk(d.talkS);
    }
    return est;
  }
}
