/** Minimal RIFF/WAVE reader for 16-bit PCM (prompt recordings and test fixtures). */
export interface Pcm16 {
  sampleRate: number;
  channels: number;
  samples: Int16Array;
}

export class WavError extends Error {
  constructor(source: string, detail: string) {
    super(`${source}: ${detail}`);
    this.name = 'WavError';
  }
}

export function parseWav(buf: Uint8Array, source = 'wav'): Pcm16 {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tag = (o: number): string => String.fromCharCode(buf[o]!, buf[o + 1]!, buf[o + 2]!, buf[o + 3]!);
  if (buf.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new WavError(source, 'not a RIFF/WAVE file');
  let offset = 12;
  let format: { audioFormat: number; channels: number; sampleRate: number; bits: number } | undefined;
  while (offset + 8 <= buf.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16) throw new WavError(source, 'fmt chunk too short');
      format = {
        audioFormat: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!format) throw new WavError(source, 'data chunk before fmt chunk');
      // 0xFFFE (WAVE_FORMAT_EXTENSIBLE) carries PCM too.
      if ((format.audioFormat !== 1 && format.audioFormat !== 0xfffe) || format.bits !== 16) {
        throw new WavError(source, `only 16-bit PCM is supported (format ${format.audioFormat}, ${format.bits} bits)`);
      }
      // Streaming writers (sox to a pipe, espeak-ng) leave the size at 0 or 0xFFFFFFFF.
      const end = size === 0 || size === 0xffffffff || body + size > buf.length ? buf.length : body + size;
      const count = Math.floor((end - body) / 2);
      const samples = new Int16Array(count);
      for (let i = 0; i < count; i++) samples[i] = view.getInt16(body + i * 2, true);
      return { sampleRate: format.sampleRate, channels: format.channels, samples };
    }
    offset = body + size + (size & 1);
  }
  throw new WavError(source, 'no data chunk');
}

/** First channel as floats in [-1, 1). */
export function toMonoFloat(pcm: Pcm16): Float32Array {
  const n = Math.floor(pcm.samples.length / pcm.channels);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = pcm.samples[i * pcm.channels]! / 32768;
  return out;
}

export function encodeWav(samples: Int16Array, sampleRate: number): Uint8Array {
  const buf = new Uint8Array(44 + samples.length * 2);
  const v = new DataView(buf.buffer);
  const put = (o: number, s: string): void => {
    for (let i = 0; i < 4; i++) buf[o + i] = s.charCodeAt(i);
  };
  put(0, 'RIFF');
  v.setUint32(4, 36 + samples.length * 2, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  put(36, 'data');
  v.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) v.setInt16(44 + i * 2, samples[i]!, true);
  return buf;
}
