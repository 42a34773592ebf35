import type { MediaFormat } from '../framing/types.ts';
import { Resampler } from '../dsp/resampler.ts';
import { ALAW_TO_FLOAT, MULAW_TO_FLOAT } from './g711.ts';
import { WasmMulawDecoder } from './wasm-mulaw-decoder.ts';

/**
 * Wire audio of one call → 16 kHz float, once, at the edge. Allocation-free per frame: the
 * scratch buffers grow only when a larger packet than any before arrives.
 */
export interface FrameDecoder {
  /** Decode one packet into `out` (16 kHz); returns the number of samples written, or -1 for a malformed payload. */
  decode(payload: Uint8Array, out: Float32Array): number;
  /** Upper bound of output samples for a payload of `bytes`. */
  maxOutput(bytes: number): number;
}

class PcmDecoder implements FrameDecoder {
  private scratch = new Float32Array(320);
  private readonly resampler: Resampler | undefined;
  private readonly bytesPerSample: number;

  constructor(private readonly format: MediaFormat) {
    this.bytesPerSample = format.codec === 'l16' ? 2 : 1;
    this.resampler = format.sampleRate === 16000 ? undefined : new Resampler(format.sampleRate, 16000);
  }

  maxOutput(bytes: number): number {
    const n = Math.ceil(bytes / this.bytesPerSample);
    return this.resampler ? this.resampler.maxOutput(n) : n;
  }

  decode(payload: Uint8Array, out: Float32Array): number {
    if (payload.length === 0 || payload.length % this.bytesPerSample !== 0) return -1;
    const n = payload.length / this.bytesPerSample;
    const target = this.resampler ? (this.scratch.length >= n ? this.scratch : (this.scratch = new Float32Array(n))) : out;
    if (!this.resampler && out.length < n) return -1;
    const codec = this.format.codec;
    if (codec === 'pcmu' || codec === 'pcma') {
      const table = codec === 'pcmu' ? MULAW_TO_FLOAT : ALAW_TO_FLOAT;
      for (let i = 0; i < n; i++) target[i] = table[payload[i]!]!;
    } else {
      const little = this.format.littleEndian === true;
      for (let i = 0, b = 0; i < n; i++, b += 2) {
        const v = little ? payload[b]! | (payload[b + 1]! << 8) : (payload[b]! << 8) | payload[b + 1]!;
        target[i] = ((v << 16) >> 16) / 32768;
      }
    }
    if (!this.resampler) return n;
    return this.resampler.process(target.subarray(0, n), out);
  }
}

/** G.711 and L16 decoders are synchronous; Opus needs its WASM decoder instantiated first. */
export async function createFrameDecoder(format: MediaFormat): Promise<FrameDecoder> {
  if (format.codec === 'opus') {
    const { OpusFrameDecoder } = await import('./opus.ts');
    return OpusFrameDecoder.create();
  }
  if (format.codec === 'pcmu' && format.sampleRate === 8000) return new WasmMulawDecoder();
  return new PcmDecoder(format);
}
