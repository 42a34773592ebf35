/**
 * Windowed-sinc low-pass design (Kaiser window). Used for the anti-aliasing / anti-imaging filter
 * of the rational resampler: linear interpolation would fold the 4–8 kHz images of an 8 kHz
 * upsample back into the VAD's and recognizer's band.
 */

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

/** Kaiser β for a stop-band attenuation in dB (Kaiser's empirical formula). */
export function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

/**
 * Low-pass FIR with `taps` coefficients, cutoff as a fraction of the sample rate (0 < c < 0.5),
 * unity DC gain.
 */
export function designLowpass(taps: number, cutoff: number, attenuationDb = 80): Float64Array {
  if (!(cutoff > 0 && cutoff < 0.5)) throw new RangeError(`cutoff ${cutoff} must be in (0, 0.5)`);
  const h = new Float64Array(taps);
  const beta = kaiserBeta(attenuationDb);
  const mid = (taps - 1) / 2;
  const i0b = besselI0(beta);
  let sum = 0;
  for (let n = 0; n < taps; n++) {
    const x = n - mid;
    const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
    const r = mid === 0 ? 0 : x / mid;
    const w = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0b;
    h[n] = sinc * w;
    sum += h[n]!;
  }
  for (let n = 0; n < taps; n++) h[n]! /= sum;
  return h;
}

/** Magnitude response (dB) of `h` at `freq` (fraction of the sample rate). */
export function responseDb(h: ArrayLike<number>, freq: number): number {
  let re = 0;
  let im = 0;
  for (let n = 0; n < h.length; n++) {
    re += h[n]! * Math.cos(2 * Math.PI * freq * n);
    im -= h[n]! * Math.sin(2 * Math.PI * freq * n);
  }
  return 20 * Math.log10(Math.hypot(re, im) + 1e-20);
}
