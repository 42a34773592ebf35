import { headroom, type PacingController, type PacingDecision, type PacingSnapshot } from './controller.ts';

/**
 * A VICIdial-style adaptive controller, written from its published description (AST_VDauto /
 * AST_VDadapt, dial methods ADAPT_HARD_LIMIT and ADAPT_TAPERED):
 * - lines wanted = ceil(logged-in agents × dial level) − lines already in use (ringing + talking);
 * - every adjustment period (15 s) the level moves by the average difference between agents
 *   waiting and calls waiting, relative to the agents, scaled by the intensity;
 * - the drop (abandon) percentage since the start of the day is the brake: at or above the
 *   target, ADAPT_HARD_LIMIT falls back to 1.0, ADAPT_TAPERED lowers the level step by step;
 * - the level stays within [1, adaptive maximum level].
 * Robots play the agents.
 */
export interface VicidialOptions {
  /** Drop (abandon) percentage target, e.g. 3. */
  droppedPercentage: number;
  /** Highest dial level allowed (VICIdial's adaptive_maximum_level, default 3.0). */
  maximumLevel: number;
  /** -40..40: how hard each adjustment pushes. */
  intensity: number;
  /** Seconds between adjustments (VICIdial recalculates every 15 s). */
  periodS: number;
  method: 'hard_limit' | 'tapered';
}

export const VICIDIAL_DEFAULTS: VicidialOptions = { droppedPercentage: 3, maximumLevel: 3, intensity: 0, periodS: 15, method: 'hard_limit' };

export class VicidialAdaptiveController implements PacingController {
  readonly name = 'vicidialStyle';
  private level = 1;
  private lastAdjustMs = -Infinity;
  private idleSum = 0;
  private samples = 0;

  constructor(private readonly opts: VicidialOptions = VICIDIAL_DEFAULTS) {}

  decide(s: PacingSnapshot): PacingDecision {
    this.idleSum += Math.max(0, s.freeSlots);
    this.samples++;
    if (s.nowMs - this.lastAdjustMs >= this.opts.periodS * 1000) {
      this.adjust(s);
      this.lastAdjustMs = s.nowMs;
      this.idleSum = 0;
      this.samples = 0;
    }
    const agents = Math.max(0, s.freeSlots) + s.busySlots;
    const inUse = s.busySlots + s.outstandingAgesS.length;
    const dials = Math.min(headroom(s), Math.max(0, Math.ceil(agents * this.level) - inUse));
    return { dials, dialLevel: this.level };
  }

  private adjust(s: PacingSnapshot): void {
    const dropPct = s.windowLive > 0 ? (100 * s.windowAbandoned) / s.windowLive : 0;
    if (dropPct >= this.opts.droppedPercentage) {
      this.level = this.opts.method === 'hard_limit' ? 1 : Math.max(1, this.level - 0.1);
      return;
    }
    const agents = Math.max(1, Math.max(0, s.freeSlots) + s.busySlots);
    const avgWaitingAgents = this.samples > 0 ? this.idleSum / this.samples : Math.max(0, s.freeSlots);
    // Calls waiting for an agent show up as abandons in this model (no queue beyond 2 s).
    const differential = avgWaitingAgents / agents;
    const intensity = 1 + this.opts.intensity / 20;
    this.level = Math.min(this.opts.maximumLevel, Math.max(1, this.level + differential * intensity));
  }
}
