/** Token bucket for the carrier's calls-per-second cap. */
export class CpsLimiter {
  private tokens: number;
  private lastMs: number | null = null;
  constructor(
    private rate: number,
    private readonly burst = Math.max(1, rate),
  ) {
    this.tokens = this.burst;
  }

  setRate(rate: number): void {
    this.rate = rate;
  }

  /** Take up to `want` tokens at `nowMs`; returns how many were granted. */
  take(want: number, nowMs: number): number {
    if (this.lastMs !== null) this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.lastMs) / 1000) * this.rate);
    this.lastMs = nowMs;
    const granted = Math.max(0, Math.min(want, Math.floor(this.tokens)));
    this.tokens -= granted;
    return granted;
  }
}
