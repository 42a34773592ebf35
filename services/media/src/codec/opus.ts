import { OpusDecoder } from 'opus-decoder';
import type { FrameDecoder } from './inbound-decoder.ts';

/**
 * Opus packets → 16 kHz float through libopus (opus-decoder, WASM). libopus decodes straight to
 * 16 kHz, so no resampler follows. One decoder per call: Opus is stateful across packets.
 */
export class OpusFrameDecoder implements FrameDecoder {
  private constructor(private readonly decoder: OpusDecoder<16000>) {}

  static async create(): Promise<OpusFrameDecoder> {
    const decoder = new OpusDecoder({ sampleRate: 16000, channels: 1 });
    await decoder.ready;
    return new OpusFrameDecoder(decoder);
  }

  /** Opus packets hold at most 120 ms. */
  maxOutput(): number {
    return 1920;
  }

  decode(payload: Uint8Array, out: Float32Array): number {
    if (payload.length === 0 || payload.length > 1275 * 3) return -1;
    const decoded = this.decoder.decodeFrame(payload);
    if (decoded.errors.length || decoded.samplesDecoded === 0) return -1;
    const n = Math.min(decoded.samplesDecoded, out.length);
    out.set(decoded.channelData[0]!.subarray(0, n));
    return n;
  }

  free(): void {
    this.decoder.free();
  }
}
