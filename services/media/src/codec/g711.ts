/**
 * ITU-T G.711 µ-law and A-law. Decoding is a 256-entry table lookup (it runs for every inbound
 * frame); encoding runs once per prompt (prompts are cached per codec), so it is plain arithmetic.
 */

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

function decodeMulawByte(byte: number): number {
  const u = ~byte & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + MULAW_BIAS) << exponent) - MULAW_BIAS;
  return sign ? -magnitude : magnitude;
}

function decodeAlawByte(byte: number): number {
  const a = byte ^ 0x55;
  const sign = a & 0x80;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return sign ? magnitude : -magnitude;
}

/** Byte → linear sample in [-1, 1). */
export const MULAW_TO_FLOAT = new Float32Array(256);
export const ALAW_TO_FLOAT = new Float32Array(256);
/** Byte → 16-bit linear sample. */
export const MULAW_TO_INT16 = new Int16Array(256);
export const ALAW_TO_INT16 = new Int16Array(256);
for (let i = 0; i < 256; i++) {
  MULAW_TO_INT16[i] = decodeMulawByte(i);
  ALAW_TO_INT16[i] = decodeAlawByte(i);
  MULAW_TO_FLOAT[i] = MULAW_TO_INT16[i]! / 32768;
  ALAW_TO_FLOAT[i] = ALAW_TO_INT16[i]! / 32768;
}

export function encodeMulawSample(sample: number): number {
  let s = sample | 0;
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  if (s > MULAW_CLIP) s = MULAW_CLIP;
  s += MULAW_BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export function encodeAlawSample(sample: number): number {
  let s = sample | 0;
  let sign = 0x80;
  if (s < 0) {
    sign = 0;
    s = -s - 1;
  }
  if (s > 32767) s = 32767;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = exponent === 0 ? (s >> 4) & 0x0f : (s >> (exponent + 3)) & 0x0f;
  return (sign | (exponent << 4) | mantissa) ^ 0x55;
}

/** Decode `input` bytes into `out` floats (same length); returns `out`. */
export function decodeG711(table: Float32Array, input: Uint8Array, out: Float32Array): Float32Array {
  const n = input.length;
  for (let i = 0; i < n; i++) out[i] = table[input[i]!]!;
  return out;
}

export function encodeMulaw(pcm: Int16Array): Uint8Array {
  const out = new Uint8Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = encodeMulawSample(pcm[i]!);
  return out;
}

export function encodeAlaw(pcm: Int16Array): Uint8Array {
  const out = new Uint8Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = encodeAlawSample(pcm[i]!);
  return out;
}
