/** G.711 µ-law (PCMU), the Twilio media-stream codec. Table-driven: one lookup per sample. */

const BIAS = 0x84;
const CLIP = 32635;

function encodeSample(pcm: number): number {
  let sign = 0;
  let x = pcm;
  if (x < 0) {
    sign = 0x80;
    x = -x;
  }
  if (x > CLIP) x = CLIP;
  x += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (x & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (x >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

function decodeSample(ulaw: number): number {
  const u = ~ulaw & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + BIAS) << exponent) - BIAS;
  return u & 0x80 ? -magnitude : magnitude;
}

const ENCODE = new Uint8Array(65536);
for (let i = -32768; i < 32768; i++) ENCODE[i & 0xffff] = encodeSample(i);
const DECODE = new Int16Array(256);
for (let i = 0; i < 256; i++) DECODE[i] = decodeSample(i);

/** Encode `pcm` into `out` (same length); no allocation, for the per-frame path. */
export function mulawEncodeInto(pcm: Int16Array, out: Uint8Array): void {
  for (let i = 0; i < pcm.length; i++) out[i] = ENCODE[pcm[i]! & 0xffff]!;
}

export function mulawDecodeInto(ulaw: Uint8Array, out: Int16Array): void {
  for (let i = 0; i < ulaw.length; i++) out[i] = DECODE[ulaw[i]!]!;
}

/** µ-law byte for digital silence. */
export const MULAW_SILENCE = ENCODE[0]!;
