// Per-frame DSP kernels of the media service in AssemblyScript, for the WASM-vs-TypeScript
// micro-bench (bench/media/bench-dsp.ts). Memory layout is owned by the caller (JS): it writes
// inputs at the offsets it passes and reads outputs back, so nothing is allocated per frame.
// Build: node wasm/dsp/build.mjs (AssemblyScript, -O3, stub runtime).

// µ-law byte → float table, filled once by init().
const MULAW_TABLE: usize = 0;

export function initMulaw(): void {
  for (let i = 0; i < 256; i++) {
    const u = ~i & 0xff;
    const sign = u & 0x80;
    const exponent = (u >> 4) & 0x07;
    const mantissa = u & 0x0f;
    const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
    const v: f32 = <f32>(sign ? -magnitude : magnitude) / 32768.0;
    store<f32>(MULAW_TABLE + (<usize>i << 2), v);
  }
}

/** Decode `n` µ-law bytes at `src` into floats at `dst`. */
export function decodeMulaw(src: usize, n: i32, dst: usize): void {
  for (let i = 0; i < n; i++) {
    const b = <usize>load<u8>(src + <usize>i);
    store<f32>(dst + (<usize>i << 2), load<f32>(MULAW_TABLE + (b << 2)));
  }
}

/**
 * Polyphase 2× upsampler: `hist` holds K-1 history samples followed by `n` new samples;
 * `phases` holds 2×K taps (phase 0 then phase 1); writes 2n samples to `dst`, then moves the
 * last K-1 input samples to the front of `hist`.
 */
export function upsample2(hist: usize, n: i32, phases: usize, k: i32, dst: usize): void {
  const p1 = phases + (<usize>k << 2);
  for (let i = 0; i < n; i++) {
    const base = hist + (<usize>(i + k - 1) << 2);
    let a0: f32 = 0;
    let a1: f32 = 0;
    for (let j = 0; j < k; j++) {
      const x = load<f32>(base - (<usize>j << 2));
      a0 += load<f32>(phases + (<usize>j << 2)) * x;
      a1 += load<f32>(p1 + (<usize>j << 2)) * x;
    }
    store<f32>(dst + (<usize>(2 * i) << 2), a0);
    store<f32>(dst + (<usize>(2 * i + 1) << 2), a1);
  }
  memory.copy(hist, hist + (<usize>n << 2), <usize>(k - 1) << 2);
}

/** Sum of squares of `n` floats at `src` (frame energy for the echo gate / energy pre-gate). */
export function energy(src: usize, n: i32): f32 {
  let e: f32 = 0;
  for (let i = 0; i < n; i++) {
    const v = load<f32>(src + (<usize>i << 2));
    e += v * v;
  }
  return e;
}
