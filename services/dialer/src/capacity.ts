/**
 * Free robot capacity as media instances report it (ReportCapacity), minus slots reserved for
 * calls answered since the last report. Stale or draining instances count for nothing.
 */
export interface InstanceReport {
  instanceId: string;
  totalSlots: number;
  freeSlots: number;
  activeCalls: number;
  accepting: boolean;
}

interface Entry extends InstanceReport {
  atMs: number;
}

export class CapacityTracker {
  private readonly instances = new Map<string, Entry>();
  /** Times of slot reservations not yet reflected in a report. */
  private reservations: number[] = [];

  constructor(
    private readonly staleMs: number,
    /** Slots assumed when no instance has reported (dialer running alone). */
    private readonly fallbackSlots: number,
    /** Reports this long after a reservation include its call. */
    private readonly reportLagMs = 1000,
  ) {}

  report(r: InstanceReport, nowMs: number): void {
    this.instances.set(r.instanceId, { ...r, atMs: nowMs });
    this.reservations = this.reservations.filter((t) => t > nowMs - this.reportLagMs);
  }

  /** True while at least one media instance reports fresh figures. */
  reported(nowMs: number): boolean {
    for (const e of this.instances.values()) if (nowMs - e.atMs <= this.staleMs) return true;
    return false;
  }

  total(nowMs: number): number {
    let total = 0;
    for (const e of this.instances.values()) if (e.accepting && nowMs - e.atMs <= this.staleMs) total += e.totalSlots;
    return this.reported(nowMs) ? total : this.fallbackSlots;
  }

  /** Free robot slots now; `liveCalls` (our calls in progress) is used only without reports. */
  free(nowMs: number, liveCalls: number): number {
    if (!this.reported(nowMs)) return Math.max(0, this.fallbackSlots - liveCalls);
    let free = 0;
    for (const e of this.instances.values()) if (e.accepting && nowMs - e.atMs <= this.staleMs) free += e.freeSlots;
    return Math.max(0, free - this.reservations.length);
  }

  /** Reserve a slot for an answered call; false when none is free (the call would be abandoned). */
  tryReserve(nowMs: number, liveCalls: number): boolean {
    if (this.free(nowMs, liveCalls) <= 0) return false;
    this.reservations.push(nowMs);
    return true;
  }
}
