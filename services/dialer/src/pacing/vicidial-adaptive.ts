import { headroom, type PacingController, type PacingDecision, type PacingSnapshot } from './controller.ts';

/**
 * A VICIdial-style adaptive controller, written from its published description (AST_VDadapt,
 * "ADAPT_HARD_LIMIT"/"ADAPT_TAPERED" dial methods): every adjustment period the dial level moves
 * by a step scaled by intensity toward keeping robots busy — up while robots wait, down while
 * answered calls wait — and a drop rate at or above the target brakes it (hard limit: back to
 * 1.0). Lines to dial = ceil(available robots × dial level) − calls already out.
 */
export interface VicidialOptions {
  /** Drop (abandon) percentage target, e.g. 3. */
  droppedPercentage: number;
  /** Highest dial level allowed. */
  maximumLevel: number;
  /** -40..40: how hard each adjustment pushes. */
  intensity: number;
  /** Seconds between adjustments (VICIdial recalculates every 15 s). */
  periodS: number;
  /** Drop-limit method. */
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
    this.idleSum += s.freeSlots;
    this.samples++;
    if (s.nowMs - this.lastAdjustMs >= this.opts.periodS * 1000) {
      this.adjust(s);
      this.lastAdjustMs = s.nowMs;
      this.idleSum = 0;
      this.samples = 0;
    }
    const available = Math.max(0, s.freeSlots);
    const target = Math.ceil(available * this.level);
    const dials = Math.min(headroom(s), Math.max(0, target - s.outstandingAgesS.length));
    return { dials, dialLevel: this.level };
  }

  private adjust(s: PacingSnapshot): void {
    const dropPct = s.windowLive > 0 ? (100 * s.windowAbandoned) / s.windowLive : 0;
    const target = this.opts.droppedPercentage;
    const step = 0.1 * (1 + this.opts.intensity / 40);
    if (dropPct >= target) {
      this.level = this.opts.method === 'hard_limit' ? 1 : Math.max(1, this.level - 2 * step);
      return;
    }
    const total = s.freeSlots + s.busySlots;
    const avgIdle = this.samples > 0 ? this.idleSum / this.samples : s.freeSlots;
    const idleShare = total > 0 ? avgIdle / total : 0;
    // Robots idle → dial more; approaching the drop target → taper the increase.
    const taper = Math.max(0, 1 - dropPct / target);
    if (idleShare > 0.05) this.level += step * taper * Math.min(3, idleShare * 10);
    else if (s.freeSlots <= 0) this.level -= step;
    this.level = Math.min(this.opts.maximumLevel, Math.max(1, this.level));
  }
}
