/**
 * One 20 ms metronome for every call of a simulator, on the monotonic clock. Frames are due at
 * start + n·20 ms; each wake-up emits every frame that has come due (so a late timer is corrected
 * by the next frames going out sooner, not by the stream drifting), up to `maxCatchUpFrames`,
 * beyond which the clock jumps ahead and counts a slip (a stalled process would otherwise flood
 * the far end with a burst of stale audio).
 */
export const FRAME_MS = 20;

export interface ClockDriver {
  now(): number;
  /** Call `fn` after about `ms`; returns a canceller. */
  schedule(fn: () => void, ms: number): () => void;
}

export const realClock: ClockDriver = {
  now: () => performance.now(),
  schedule: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

export interface FrameListener {
  /** Called once per frame; `now` is the frame's nominal time. */
  onFrame(now: number): void;
}

export class FrameClock {
  private readonly listeners = new Set<FrameListener>();
  private start = 0;
  private emitted = 0;
  private cancel: (() => void) | undefined;
  private slipCount = 0;
  /** Frames emitted since the clock was created, across restarts. */
  private total = 0;

  constructor(private readonly driver: ClockDriver = realClock, private readonly maxCatchUpFrames = 10, private readonly onListenerError: (err: unknown) => void = () => {}) {}

  get slips(): number {
    return this.slipCount;
  }

  get framesEmitted(): number {
    return this.total;
  }

  /** Media streams currently clocked (a stream that outlives its call shows up here). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  add(listener: FrameListener): void {
    this.listeners.add(listener);
    if (!this.cancel) {
      this.start = this.driver.now();
      this.emitted = 0;
      this.arm();
    }
  }

  remove(listener: FrameListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.stop();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  private arm(): void {
    const next = this.start + (this.emitted + 1) * FRAME_MS;
    this.cancel = this.driver.schedule(() => this.wake(), Math.max(0, next - this.driver.now()));
  }

  private wake(): void {
    const now = this.driver.now();
    let due = Math.floor((now - this.start) / FRAME_MS) - this.emitted;
    if (due > this.maxCatchUpFrames) {
      this.slipCount++;
      this.emitted += due - this.maxCatchUpFrames;
      due = this.maxCatchUpFrames;
    }
    for (let i = 0; i < due; i++) {
      this.emitted++;
      this.total++;
      const at = this.start + this.emitted * FRAME_MS;
      for (const l of this.listeners) {
        try {
          l.onFrame(at);
        } catch (err) {
          this.onListenerError(err);
        }
      }
    }
    if (this.listeners.size > 0) this.arm();
    else this.cancel = undefined;
  }
}
