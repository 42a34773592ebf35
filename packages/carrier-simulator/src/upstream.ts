import { mulawDecodeInto, mulawEncodeInto } from './audio/mulaw.ts';
import { FRAME_BYTES } from './playback.ts';
import type { Clip } from './clips.ts';
import { seededRandom } from './callee-brain.ts';

/**
 * The callee's microphone, one 20 ms frame at a time: the current utterance clip (if any), a
 * low comfort-noise floor (a real line is never digital zero, and a VAD must not fire on it),
 * and optionally an attenuated, delayed copy of what the earpiece played (acoustic echo), all
 * mixed and µ-law encoded into a caller-owned buffer. Pure and allocation-free per frame.
 */
export interface EchoOptions {
  /** Linear gain of the echo path, e.g. 0.1 ≈ −20 dB. */
  gain: number;
  /** Acoustic + line delay, rounded to whole frames. */
  delayMs: number;
}

export interface FrameSpeech {
  /** This frame carries the first sample of the clip's speech. */
  onset: boolean;
  /** This frame carries the last sample of the clip's speech. */
  speechEnd: boolean;
  /** The clip (with its trailing padding) is fully sent. */
  clipDone: boolean;
}

/** Comfort noise shared by all calls (each starts at its own offset): 2 s of seeded Gaussian noise. */
export function makeComfortNoise(dbfs: number, seed = 7): Int16Array {
  const out = new Int16Array(16000);
  if (!Number.isFinite(dbfs)) return out;
  const rms = 32768 * 10 ** (dbfs / 20);
  const random = seededRandom(seed);
  for (let i = 0; i < out.length; i++) {
    // Irwin–Hall: sum of 12 uniforms − 6 ≈ N(0, 1).
    let g = -6;
    for (let k = 0; k < 12; k++) g += random();
    out[i] = Math.max(-32768, Math.min(32767, Math.round(g * rms)));
  }
  return out;
}

export class UpstreamMixer {
  private clip: Clip | undefined;
  private clipPos = 0;
  private noisePos: number;
  private readonly pcm = new Int16Array(FRAME_BYTES);
  private readonly echoRing: Int16Array[];
  private echoHead = 0;
  private readonly result: FrameSpeech = { onset: false, speechEnd: false, clipDone: false };

  constructor(private readonly noise: Int16Array, noiseOffset: number, private readonly echo: EchoOptions | undefined) {
    this.noisePos = noiseOffset % noise.length;
    const delayFrames = echo ? Math.max(0, Math.round(echo.delayMs / 20)) : 0;
    this.echoRing = echo ? Array.from({ length: delayFrames + 1 }, () => new Int16Array(FRAME_BYTES)) : [];
  }

  get speaking(): boolean {
    return this.clip !== undefined;
  }

  /** Start saying `clip` from the next frame, cutting off anything still being said. */
  say(clip: Clip): void {
    this.clip = clip;
    this.clipPos = 0;
  }

  /** Stop talking mid-clip (the callee hung up). */
  silence(): void {
    this.clip = undefined;
  }

  /** Fill `out` with the next 160 µ-law bytes; `earpiece` is what the callee heard this frame. */
  frame(earpiece: Uint8Array, out: Uint8Array): FrameSpeech {
    const pcm = this.pcm;
    const r = this.result;
    r.onset = false;
    r.speechEnd = false;
    r.clipDone = false;
    for (let i = 0; i < FRAME_BYTES; i++) {
      pcm[i] = this.noise[this.noisePos]!;
      if (++this.noisePos === this.noise.length) this.noisePos = 0;
    }
    const clip = this.clip;
    if (clip) {
      const p = this.clipPos;
      const n = Math.min(FRAME_BYTES, clip.samples.length - p);
      for (let i = 0; i < n; i++) pcm[i] = clamp(pcm[i]! + clip.samples[p + i]!);
      r.onset = clip.speechStart >= p && clip.speechStart < p + FRAME_BYTES;
      r.speechEnd = clip.speechEnd - 1 >= p && clip.speechEnd - 1 < p + FRAME_BYTES;
      this.clipPos = p + FRAME_BYTES;
      if (this.clipPos >= clip.samples.length) {
        r.clipDone = true;
        this.clip = undefined;
      }
    }
    if (this.echo) {
      // Store this frame's earpiece audio and mix in the one from `delay` frames ago.
      const ring = this.echoRing;
      mulawDecodeInto(earpiece, ring[this.echoHead]!);
      this.echoHead = (this.echoHead + 1) % ring.length;
      const delayed = ring[this.echoHead]!;
      const g = this.echo.gain;
      for (let i = 0; i < FRAME_BYTES; i++) pcm[i] = clamp(pcm[i]! + Math.round(delayed[i]! * g));
    }
    mulawEncodeInto(pcm, out);
    return r;
  }
}

function clamp(x: number): number {
  return x > 32767 ? 32767 : x < -32768 ? -32768 : x;
}
