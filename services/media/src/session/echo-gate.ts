/**
 * Echo gate: we know exactly what the peer is playing, so inbound audio is compared with the
 * echo it could contain. For each inbound frame the predicted echo energy is the loudest robot
 * frame of the last `tailMs` (the echo path's reach, unknown delay) times the echo return loss
 * (ERL). The ERL is learned per call as the running log-mean of inbound/reference energy while
 * the robot plays and the callee is not talking (so it measures echo alone, on the same peak
 * reference the prediction uses); it starts at the conservative 6 dB of a sane hybrid.
 *
 * An utterance is the callee's own voice when its energy clearly exceeds the predicted echo
 * over the same frames: `nearEndScore = 1 - 2·echo/inbound` (0.5 = inbound is 6 dB above the
 * echo; our own prompt echoed back scores ≤ 0). Energies are kept per inbound frame index so
 * the score of any span can be read when the VAD reports an onset.
 */
const HISTORY_FRAMES = 1024;
const ERL_MAX = 0.25; // -6 dB (energy ratio)
const ERL_MIN = 0.001; // -30 dB
const ACTIVE_REFERENCE = 1e-6;
/** Below about -60 dBFS an inbound frame says nothing about the echo path. */
const NOISE_FLOOR = 1e-6;
/** About -50 dBFS: quieter inbound is never the callee's voice. */
const NOISE_FLOOR_SPEECH = 1e-5;

export class EchoGate {
  private readonly reference: Float32Array;
  private refNext = 0;
  private readonly inbound = new Float64Array(HISTORY_FRAMES);
  private readonly predicted = new Float64Array(HISTORY_FRAMES);
  private erl = ERL_MAX;
  private erlLog = Math.log(ERL_MAX);
  /** Set while the VAD reports callee speech: no ERL learning then. */
  calleeSpeaking = false;

  constructor(
    private readonly enabled: boolean,
    tailMs = 400,
    tickMs = 20,
  ) {
    this.reference = new Float32Array(Math.max(1, Math.ceil(tailMs / tickMs)));
  }

  /** Learned echo return loss in dB (for logs and tests). */
  get erlDb(): number {
    return 10 * Math.log10(this.erl);
  }

  /** Level (RMS) of the robot audio audible at the peer now; called on every tick. */
  pushReference(level: number): void {
    this.reference[this.refNext] = level * level;
    this.refNext = (this.refNext + 1) % this.reference.length;
  }

  private referencePeak(): number {
    let peak = 0;
    for (let i = 0; i < this.reference.length; i++) if (this.reference[i]! > peak) peak = this.reference[i]!;
    return peak;
  }

  /**
   * Record inbound frame `frameIndex` with RMS `level`; `playingLevel` is the robot level audible
   * right now (the tick-sampled history may not have caught up with a prompt that just started).
   */
  judge(frameIndex: number, level: number, playingLevel = 0): void {
    const e = level * level;
    const ref = Math.max(this.referencePeak(), playingLevel * playingLevel);
    if (ref > ACTIVE_REFERENCE && !this.calleeSpeaking && e > NOISE_FLOOR) {
      const ratio = Math.max(ERL_MIN, Math.min(ERL_MAX, e / ref));
      this.erlLog += 0.05 * (Math.log(ratio) - this.erlLog);
      this.erl = Math.exp(this.erlLog);
    }
    const slot = frameIndex % HISTORY_FRAMES;
    this.inbound[slot] = e;
    this.predicted[slot] = ref * this.erl;
  }

  /** 0..1, ≥ 0.5 when the span [fromFrame, toFrame) is the callee rather than our echo. */
  nearEndScore(fromFrame: number, toFrame: number): number {
    if (!this.enabled) return 1;
    const from = Math.max(fromFrame, toFrame - HISTORY_FRAMES);
    if (toFrame <= from) return 1;
    let inE = 0;
    let echoE = 0;
    for (let f = from; f < toFrame; f++) {
      inE += this.inbound[f % HISTORY_FRAMES]!;
      echoE += this.predicted[f % HISTORY_FRAMES]!;
    }
    // Line noise counts as "echo" too: near-end speech must stand above both.
    echoE += (toFrame - from) * NOISE_FLOOR_SPEECH;
    if (inE === 0) return 0;
    return Math.max(0, Math.min(1, 1 - (2 * echoE) / inE));
  }
}

export function rmsOf(samples: Float32Array): number {
  let e = 0;
  for (let i = 0; i < samples.length; i++) e += samples[i]! * samples[i]!;
  return Math.sqrt(e / (samples.length || 1));
}
