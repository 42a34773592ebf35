import type { Logger, Pool, PoolClient } from '@voicebot/common';
import { maskPhone } from '@voicebot/common';
import { parseCampaignSpec, rulesToSpec, type CampaignRules, type SpecInput } from './campaign-spec.ts';
import { CapacityTracker, type InstanceReport } from './capacity.ts';
import { CarrierError, type CarrierAdapter } from './carrier/carrier.ts';
import { dialerError } from './errors.ts';
import { importLeads, type ImportResult } from './leads/import.ts';
import type { DialerMetrics } from './metrics.ts';
import type { AttemptOutcome } from './outcomes.ts';
import { CampaignPacer, RULE_WINDOW_MS } from './pacer.ts';
import type { PacingController } from './pacing/controller.ts';
import { normalisePhone } from './phone.ts';
import {
  applyCarrierStatus,
  endAttemptById,
  liveAttempts,
  markAbandoned,
  markOriginated,
  type StatusResult,
  type StatusUpdate,
} from './store/attempts.ts';
import { createCampaign, getCampaign, listCampaigns, setCampaignState, type CampaignRow } from './store/campaigns.ts';
import type { ClaimedAttempt } from './store/claims.ts';
import { addDoNotCall, checkDoNotCall, type DncEntry } from './store/dnc.ts';
import { recordOutcome, type OutcomeReport } from './store/outcome-reports.ts';
import { releaseLease } from './store/lease.ts';
import { abandonWindow, campaignCounts, campaignFinished, type CampaignCounts } from './store/stats.ts';

export interface DialerOptions {
  /** This process's identity for leases. */
  owner: string;
  tickMs: number;
  leaseTtlMs: number;
  ringTimeoutS: number;
  /** A call in progress longer than this is settled by reconciliation. */
  maxCallS: number;
  reconcileEveryMs: number;
  /** Seconds past the ring timeout before an unconfirmed attempt is settled as unknown. */
  reconcileGraceS: number;
  quarantineDays: number;
  crmGrades: string[];
  /** Abandon answered calls when no reported robot slot is free. */
  abandonWhenNoSlot: boolean;
  capacityStaleMs: number;
  fallbackSlots: number;
  /** Whether the identification prompt of a script exists (served at /carrier/prompt). */
  promptExists: (scriptId: string, promptId: string) => boolean;
}

export interface DialerDeps {
  pool: Pool;
  log: Logger;
  metrics: DialerMetrics;
  carriers: Map<string, CarrierAdapter>;
  controller: () => PacingController;
  now?: () => number;
}

export interface CampaignView extends CampaignRow {
  spec: SpecInput;
}

/** The dialer: campaigns and their pacers, carrier callbacks, outcomes, reconciliation. */
export class Dialer {
  readonly capacity: CapacityTracker;
  private readonly pacers = new Map<string, CampaignPacer>();
  private readonly rulesCache = new Map<string, CampaignRules>();
  private readonly inflight = new Set<Promise<unknown>>();
  private timers: NodeJS.Timeout[] = [];
  private ticking = false;
  private reconciling = false;
  private stopped = false;
  private readonly now: () => number;

  constructor(
    private readonly deps: DialerDeps,
    private readonly o: DialerOptions,
  ) {
    this.now = deps.now ?? Date.now;
    this.capacity = new CapacityTracker(o.capacityStaleMs, o.fallbackSlots);
  }

  private get log(): Logger {
    return this.deps.log;
  }

  /** Reconcile what a previous process left in flight, then start pacing. */
  async start(): Promise<void> {
    await this.reconcile(true);
    this.timers.push(setInterval(() => this.guardedTick(), this.o.tickMs));
    this.timers.push(setInterval(() => void this.reconcile(false).catch((err) => this.log.error({ err }, 'reconcile failed')), this.o.reconcileEveryMs));
  }

  /** Stop pacing; wait for originate requests in flight (their attempts are already stored). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled([...this.inflight]);
    for (const p of this.pacers.values()) await releaseLease(this.deps.pool, p.leaseName, this.o.owner).catch(() => undefined);
  }

  rulesOf = async (campaignId: string, client?: PoolClient): Promise<CampaignRules> => {
    let rules = this.rulesCache.get(campaignId);
    if (!rules) {
      rules = (await getCampaign(client ?? this.deps.pool, campaignId)).rules;
      this.rulesCache.set(campaignId, rules);
    }
    return rules;
  };

  // ---- API -------------------------------------------------------------------------------

  async createCampaign(id: string, spec: SpecInput | null): Promise<CampaignView> {
    const rules = parseCampaignSpec(spec);
    const row = await createCampaign(this.deps.pool, id, rules, rulesToSpec(rules), this.now());
    return { ...row, spec: rulesToSpec(rules) };
  }

  async getCampaign(id: string): Promise<CampaignView> {
    const row = await getCampaign(this.deps.pool, id);
    return { ...row, spec: rulesToSpec(row.rules) };
  }

  async startCampaign(id: string): Promise<CampaignView> {
    const counts = await campaignCounts(this.deps.pool, id);
    const current = await getCampaign(this.deps.pool, id);
    if (counts.leadsTotal === 0) throw dialerError('DIALER_ERR_NO_LEADS', `campaign ${id} has no leads; import some first`);
    if (current.state === 'STOPPED') throw dialerError('DIALER_ERR_BAD_STATE', `campaign ${id} is STOPPED for good`);
    const row = await setCampaignState(this.deps.pool, id, 'RUNNING', ['PAUSED', 'COMPLETED'], this.now());
    this.guardedTick();
    return { ...row, spec: rulesToSpec(row.rules) };
  }

  async pauseCampaign(id: string): Promise<CampaignView> {
    const row = await setCampaignState(this.deps.pool, id, 'PAUSED', ['RUNNING'], this.now());
    return { ...row, spec: rulesToSpec(row.rules) };
  }

  async stopCampaign(id: string): Promise<CampaignView> {
    const row = await setCampaignState(this.deps.pool, id, 'STOPPED', ['PAUSED', 'RUNNING', 'COMPLETED'], this.now());
    return { ...row, spec: rulesToSpec(row.rules) };
  }

  async stats(id: string): Promise<{ campaign: CampaignRow; counts: CampaignCounts; dialLevel: number; answerRate: number; abandonRatio: number }> {
    const campaign = await getCampaign(this.deps.pool, id);
    const counts = await campaignCounts(this.deps.pool, id);
    const pacer = this.pacers.get(id);
    const o = counts.outcomes;
    const humans = (o.answered ?? 0) + (o.abandoned ?? 0);
    const dialsSettled = humans + (o.busy ?? 0) + (o.no_answer ?? 0) + (o.machine ?? 0) + (o.failed ?? 0);
    const window = await abandonWindow(this.deps.pool, id, this.now() - RULE_WINDOW_MS[campaign.rules.abandonRule.kind]);
    return {
      campaign,
      counts,
      dialLevel: pacer?.dialLevel ?? 0,
      // Measured over the campaign (the pacer's own estimate is time-of-day weighted).
      answerRate: dialsSettled > 0 ? humans / dialsSettled : 0,
      abandonRatio: window.live > 0 ? window.abandoned / window.live : 0,
    };
  }

  async importLeads(id: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<ImportResult> {
    const rules = await this.rulesOf(id);
    try {
      return await importLeads(this.deps.pool, id, rules.defaultRegion, chunks, this.now());
    } catch (err) {
      if (err instanceof Error && /^CSV /.test(err.message)) throw dialerError('DIALER_ERR_INVALID_ARGUMENT', err.message);
      throw err;
    }
  }

  async addDoNotCall(entry: Omit<DncEntry, 'phone'> & { phone: string; defaultRegion: string }): Promise<string> {
    let phone = '';
    if (entry.phone) {
      const n = normalisePhone(entry.phone, entry.defaultRegion || 'CN');
      if (!n.ok) throw dialerError('DIALER_ERR_INVALID_ARGUMENT', `AddDoNotCall.phone ${JSON.stringify(entry.phone)}: ${n.reason}`);
      phone = n.e164;
    }
    const res = await addDoNotCall(this.deps.pool, { ...entry, phone }, this.now(), this.o.quarantineDays * 86_400_000);
    this.log.info({ phone: maskPhone(res.phone), reason: entry.reason, source: entry.source, quarantined: res.quarantined ? maskPhone(res.quarantined) : null }, 'do-not-call added');
    return res.phone;
  }

  async checkDoNotCall(phoneRaw: string, region: string): Promise<{ blocked: boolean; reason: string; sinceMs: number }> {
    const n = normalisePhone(phoneRaw, region || 'CN');
    if (!n.ok) throw dialerError('DIALER_ERR_INVALID_ARGUMENT', `CheckDoNotCall.phone ${JSON.stringify(phoneRaw)}: ${n.reason}`);
    const hit = await checkDoNotCall(this.deps.pool, n.e164);
    return hit ? { blocked: true, reason: hit.reason, sinceMs: hit.sinceMs } : { blocked: false, reason: '', sinceMs: 0 };
  }

  async reportOutcome(r: OutcomeReport): Promise<boolean> {
    const res = await recordOutcome(this.deps.pool, r, this.o.crmGrades, this.now());
    if (!res) return false;
    if (res.firstReport && r.answerToAudioMs > 0) this.deps.metrics.answerToAudio.observe(r.answerToAudioMs / 1000);
    return true;
  }

  reportCapacity(r: InstanceReport): void {
    this.capacity.report(r, this.now());
    this.deps.metrics.freeSlots.set(this.capacity.free(this.now(), 0));
  }

  // ---- carrier callbacks -------------------------------------------------------------------

  async onCarrierStatus(u: StatusUpdate): Promise<StatusResult | null> {
    const res = await applyCarrierStatus(this.deps.pool, this.rulesOf, u);
    if (!res) {
      this.deps.metrics.callbacks.inc({ result: 'unknown_call' });
      return null;
    }
    this.deps.metrics.callbacks.inc({ result: 'applied' });
    if (res.answeredNow) await this.admitAnswered(res);
    if (res.ended) this.deps.metrics.calls.inc({ outcome: res.ended });
    return res;
  }

  /** An answered call needs a robot within 2 s; with none free it gets the identification message and is abandoned. */
  private async admitAnswered(res: StatusResult): Promise<void> {
    const nowMs = this.now();
    const live = (await liveAttempts(this.deps.pool)).filter((a) => a.state === 'in_call').length;
    if (this.capacity.tryReserve(nowMs, live)) return;
    if (!this.o.abandonWhenNoSlot || !this.capacity.reported(nowMs)) return;
    const a = res.attempt;
    const rules = await this.rulesOf(a.campaignId);
    const human = !a.answeredBy.startsWith('machine');
    if (human) await markAbandoned(this.deps.pool, a.id);
    this.log.warn({ callId: a.id, campaignId: a.campaignId, human }, 'answered with no free robot slot: identification message and hang-up');
    const carrier = this.deps.carriers.get(a.carrier);
    if (!carrier || !a.carrierSid) return;
    // Without a recorded identification prompt the carrier would fail to fetch it: hang up plainly.
    const hasPrompt = this.o.promptExists(rules.scriptId, rules.abandonPromptId);
    if (!hasPrompt) this.log.warn({ scriptId: rules.scriptId, promptId: rules.abandonPromptId }, 'no identification prompt recorded for abandoned calls; hanging up without it');
    const act = hasPrompt ? carrier.playAndHangup(a.carrierSid, rules.scriptId, rules.abandonPromptId) : carrier.hangup(a.carrierSid);
    await act.catch((err: unknown) => this.log.error({ err, callId: a.id }, 'carrier refused to end the abandoned call'));
  }

  // ---- pacing ------------------------------------------------------------------------------

  private guardedTick(): void {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    this.tick()
      .catch((err: unknown) => this.log.error({ err }, 'pacing tick failed'))
      .finally(() => {
        this.ticking = false;
      });
  }

  /** One pacing round over running campaigns; exposed for tests with a fake clock. */
  async tick(): Promise<void> {
    const running = await listCampaigns(this.deps.pool, ['RUNNING']);
    const ids = new Set(running.map((c) => c.id));
    for (const [id, pacer] of this.pacers) {
      if (!ids.has(id)) {
        this.pacers.delete(id);
        await releaseLease(this.deps.pool, pacer.leaseName, this.o.owner);
      }
    }
    for (const c of running) {
      this.rulesCache.set(c.id, c.rules);
      let pacer = this.pacers.get(c.id);
      if (!pacer) {
        pacer = new CampaignPacer(c.id, c.rules, this.deps.controller(), {
          pool: this.deps.pool,
          log: this.log,
          metrics: this.deps.metrics,
          owner: this.o.owner,
          leaseTtlMs: this.o.leaseTtlMs,
          freeSlots: (nowMs) => this.freeSlotsFor(nowMs),
          place: (attempt, rules, delayMs) => this.place(attempt, rules, delayMs),
          tickMs: this.o.tickMs,
        });
        this.pacers.set(c.id, pacer);
      }
      pacer.rules = c.rules;
      await pacer.tick(this.now());
      if (await campaignFinished(this.deps.pool, c.id)) {
        await setCampaignState(this.deps.pool, c.id, 'COMPLETED', ['RUNNING'], this.now());
        this.log.info({ campaignId: c.id }, 'campaign completed: every lead is final');
      }
    }
  }

  private liveInCall = 0;

  /** Free robot slots shared evenly between the campaigns this process paces. */
  private freeSlotsFor(nowMs: number): number {
    let pacing = 0;
    for (const p of this.pacers.values()) if (p.pacing) pacing++;
    return Math.floor(this.capacity.free(nowMs, this.liveInCall) / Math.max(1, pacing));
  }

  private place(a: ClaimedAttempt, rules: CampaignRules, delayMs: number): void {
    const carrier = this.deps.carriers.get(rules.carrier);
    const job = (async () => {
      // A crash during this wait leaves an unconfirmed attempt that reconciliation settles; nothing is dialed twice.
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      const started = performance.now();
      if (!carrier) {
        await this.settle(a.callId, 'failed', `no carrier adapter "${rules.carrier}" configured`);
        return;
      }
      try {
        const { sid } = await carrier.originate({
          callId: a.callId,
          campaignId: a.campaignId,
          leadId: a.leadId,
          scriptId: rules.scriptId,
          to: a.phone,
          from: a.callerId,
          timeoutS: this.o.ringTimeoutS,
        });
        this.deps.metrics.originateLatency.observe((performance.now() - started) / 1000);
        await markOriginated(this.deps.pool, a.callId, sid, this.now());
      } catch (err) {
        const definitive = err instanceof CarrierError && err.definitive;
        this.deps.metrics.originateErrors.inc({ carrier: rules.carrier, definitive: String(definitive) });
        this.log.warn({ err, callId: a.callId, to: maskPhone(a.phone), definitive }, 'originate failed');
        // Only a definite rejection settles the attempt now; otherwise reconciliation decides,
        // because the carrier may have placed the call (and redialing would call twice).
        if (definitive) await this.settle(a.callId, 'failed', (err as Error).message);
      }
    })().catch((err: unknown) => this.log.error({ err, callId: a.callId }, 'placing a call failed'));
    this.inflight.add(job);
    void job.finally(() => this.inflight.delete(job));
  }

  private async settle(callId: string, outcome: AttemptOutcome, reason: string): Promise<void> {
    const a = await endAttemptById(this.deps.pool, this.rulesOf, callId, outcome, this.now(), reason.slice(0, 200));
    if (a) this.deps.metrics.calls.inc({ outcome });
  }

  // ---- reconciliation ----------------------------------------------------------------------

  /**
   * Settle attempts whose carrier side we lost track of (a crash, lost callbacks): ask the
   * carrier when it knows the call, else close them after generous timeouts as `unknown`.
   * Never re-dials an attempt: a retry is a new attempt under the retry policy.
   */
  async reconcile(startup: boolean): Promise<void> {
    if (this.reconciling) return;
    this.reconciling = true;
    try {
      const nowMs = this.now();
      const live = await liveAttempts(this.deps.pool);
      this.liveInCall = live.filter((a) => a.state === 'in_call').length;
      if (startup && live.length > 0) this.log.info({ live: live.length }, 'reconciling attempts left in flight');
      for (const a of live) {
        const age = nowMs - a.createdMs;
        const carrier = this.deps.carriers.get(a.carrier);
        const ringLimit = (this.o.ringTimeoutS + this.o.reconcileGraceS) * 1000;
        const callLimit = ringLimit + this.o.maxCallS * 1000;
        const overdue = a.state === 'in_call' ? age > callLimit : age > ringLimit;
        if (!(startup || overdue)) continue;
        if (a.carrierSid && carrier) {
          const s = await carrier.fetchStatus(a.carrierSid).catch(() => null);
          if (s) {
            const res = await this.onCarrierStatus({ callId: a.id, sid: a.carrierSid, status: s.status, answeredBy: s.answeredBy, durationS: s.durationS, sequence: null, nowMs });
            if (res?.ended) {
              this.deps.metrics.reconciled.inc({ how: 'carrier' });
              continue;
            }
          }
        }
        if (overdue) {
          await this.settle(a.id, 'unknown', a.carrierSid ? 'no final status from carrier' : 'originate never confirmed');
          this.deps.metrics.reconciled.inc({ how: 'timeout' });
        }
      }
    } finally {
      this.reconciling = false;
    }
  }
}
