import { designLowpass } from './fir.ts';

/**
 * Streaming rational resampler (up by L, down by M) as a polyphase FIR: only the taps that meet a
 * non-zero input sample are evaluated, and the state (the last input samples) carries across
 * frames so 20 ms frames resample exactly like one long signal. One instance per call and
 * direction; `process` writes into a caller-owned buffer and allocates nothing.
 */
export class Resampler {
  readonly up: number;
  readonly down: number;
  /** Polyphase taps: phase p holds h[p], h[p+L], h[p+2L], ... scaled by L. */
  private readonly phases: Float32Array[];
  private readonly tapsPerPhase: number;
  /** Input history, newest last; length tapsPerPhase - 1 + max frame. */
  private history: Float32Array;
  private historyLen: number;
  /** Position of the next output sample on the up-sampled time grid, relative to the history start. */
  private t = 0;

  constructor(fromRate: number, toRate: number, tapsPerPhase = 24) {
    const g = gcd(fromRate, toRate);
    this.up = toRate / g;
    this.down = fromRate / g;
    this.tapsPerPhase = tapsPerPhase;
    const taps = tapsPerPhase * this.up;
    // Pass band ends a little below the lower Nyquist so the transition band fits before it.
    const cutoff = (0.5 / Math.max(this.up, this.down)) * 0.9;
    const h = designLowpass(taps, cutoff, 80);
    this.phases = [];
    for (let p = 0; p < this.up; p++) {
      const ph = new Float32Array(tapsPerPhase);
      for (let k = 0; k < tapsPerPhase; k++) ph[k] = h[p + k * this.up]! * this.up;
      this.phases.push(ph);
    }
    this.history = new Float32Array(tapsPerPhase - 1 + 4096);
    this.historyLen = tapsPerPhase - 1;
    this.t = (tapsPerPhase - 1) * this.up;
  }

  /** Output samples produced for `inputLength` input samples (exact over time, may vary by one per call). */
  maxOutput(inputLength: number): number {
    return Math.ceil((inputLength * this.up) / this.down) + 1;
  }

  /**
   * Resample `input` into `out`; returns the number of samples written. Delay: half the filter
   * (tapsPerPhase/2 input samples, 1.5 ms at 8 kHz with 24 taps per phase).
   */
  process(input: Float32Array, out: Float32Array): number {
    const need = this.historyLen + input.length;
    if (need > this.history.length) {
      const grown = new Float32Array(need * 2);
      grown.set(this.history.subarray(0, this.historyLen));
      this.history = grown;
    }
    const hist = this.history;
    hist.set(input, this.historyLen);
    const total = this.historyLen + input.length;
    const L = this.up;
    const M = this.down;
    const K = this.tapsPerPhase;
    if (L === 2 && M === 1 && this.t === (K - 1) * 2 && out.length >= input.length * 2) return this.upsample2(hist, total, out);
    let t = this.t;
    let written = 0;
    // Output at up-grid position t uses input index floor(t/L) and the K-1 before it.
    while (((t / L) | 0) < total && written < out.length) {
      const base = (t / L) | 0;
      const phase = this.phases[t % L]!;
      let acc = 0;
      for (let k = 0; k < K; k++) acc += phase[k]! * hist[base - k]!;
      out[written++] = acc;
      t += M;
    }
    // Keep the last K-1 samples and rebase t.
    const keepFrom = total - (K - 1);
    hist.copyWithin(0, keepFrom, total);
    this.historyLen = K - 1;
    this.t = t - keepFrom * L;
    return written;
  }

  /**
   * The hot path (8 → 16 kHz, every inbound G.711 frame): both phases per input sample, no
   * division or modulo per output; the generic loop below handles every other ratio.
   */
  private upsample2(hist: Float32Array, total: number, out: Float32Array): number {
    const K = this.tapsPerPhase;
    const p0 = this.phases[0]!;
    const p1 = this.phases[1]!;
    let w = 0;
    for (let base = K - 1; base < total; base++) {
      let a0 = 0;
      let a1 = 0;
      for (let k = 0; k < K; k++) {
        const x = hist[base - k]!;
        a0 += p0[k]! * x;
        a1 += p1[k]! * x;
      }
      out[w++] = a0;
      out[w++] = a1;
    }
    hist.copyWithin(0, total - (K - 1), total);
    this.historyLen = K - 1;
    return w;
  }

  reset(): void {
    this.history.fill(0);
    this.historyLen = this.tapsPerPhase - 1;
    this.t = (this.tapsPerPhase - 1) * this.up;
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** One-shot helper for whole buffers (prompt preparation, tests). */
export function resampleAll(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input.slice();
  const r = new Resampler(fromRate, toRate);
  const out = new Float32Array(r.maxOutput(input.length));
  const n = r.process(input, out);
  return out.subarray(0, n);
}
