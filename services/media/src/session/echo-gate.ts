/**
 * Echo gate (a Geigel-style double-talk detector): we know exactly what the peer is playing, so
 * an inbound frame only counts as the callee's own voice when it is louder than `ratio` times
 * the loudest robot frame of the last `tailMs` (the echo path's reach). Far-end echo comes back
 * attenuated by the line's echo return loss (≥ 6 dB on a sane hybrid, hence the default 0.5);
 * a callee talking over the prompt is louder than that. Per-frame verdicts are kept by inbound
 * frame index, so the share for any utterance span can be read once the VAD reports its onset.
 */
const HISTORY_FRAMES = 1024;

export class EchoGate {
  private readonly reference: Float32Array;
  private refNext = 0;
  private readonly verdicts = new Uint8Array(HISTORY_FRAMES);

  constructor(
    private readonly enabled: boolean,
    private readonly ratio = 0.5,
    tailMs = 400,
    tickMs = 20,
  ) {
    this.reference = new Float32Array(Math.max(1, Math.ceil(tailMs / tickMs)));
  }

  /** Level (RMS) of the robot audio audible at the peer now; called on every tick. */
  pushReference(level: number): void {
    this.reference[this.refNext] = level;
    this.refNext = (this.refNext + 1) % this.reference.length;
  }

  private referencePeak(): number {
    let peak = 0;
    for (let i = 0; i < this.reference.length; i++) if (this.reference[i]! > peak) peak = this.reference[i]!;
    return peak;
  }

  /** Judge inbound frame number `frameIndex` with RMS `level`; returns true for the callee's own voice. */
  judge(frameIndex: number, level: number): boolean {
    const nearEnd = !this.enabled || level > this.ratio * this.referencePeak();
    this.verdicts[frameIndex % HISTORY_FRAMES] = nearEnd ? 1 : 0;
    return nearEnd;
  }

  /** Share of frames in [fromFrame, toFrame) judged to be the callee (1 when the span is empty or disabled). */
  nearEndRatio(fromFrame: number, toFrame: number): number {
    if (!this.enabled) return 1;
    const from = Math.max(fromFrame, toFrame - HISTORY_FRAMES);
    if (toFrame <= from) return 1;
    let near = 0;
    for (let f = from; f < toFrame; f++) near += this.verdicts[f % HISTORY_FRAMES]!;
    return near / (toFrame - from);
  }
}

export function rmsOf(samples: Float32Array): number {
  let e = 0;
  for (let i = 0; i < samples.length; i++) e += samples[i]! * samples[i]!;
  return Math.sqrt(e / (samples.length || 1));
}
