import fs from 'node:fs/promises';
import path from 'node:path';
import { encodeAlaw, encodeMulaw } from '../codec/g711.ts';
import { resampleAll } from '../dsp/resampler.ts';
import type { MediaFormat } from '../framing/types.ts';
import { parseWav, toMonoFloat } from './wav.ts';

/**
 * Prompt recordings, encoded once per wire format and cached: `assets/prompts/<script>/<prompt>.wav`
 * (8 kHz 16-bit mono) → 20 ms frames of PCMU, PCMA or L16 plus each frame's level for the echo gate.
 */
export interface EncodedPrompt {
  frames: Uint8Array[];
  levels: Float32Array;
  frameMs: number;
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const FRAME_MS = 20;

export class PromptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptError';
  }
}

export function formatKey(f: MediaFormat): string {
  return `${f.codec}/${f.sampleRate}/${f.littleEndian ? 'le' : 'be'}`;
}

export class PromptCache {
  private readonly pcm = new Map<string, Promise<Float32Array>>();
  private readonly encoded = new Map<string, Promise<EncodedPrompt>>();

  constructor(private readonly dir: string, private readonly maxEntries = 2000) {}

  get size(): number {
    return this.encoded.size;
  }

  /** Encoded frames for a prompt in `format`; rejects with a PromptError naming the file. */
  get(scriptId: string, promptId: string, format: MediaFormat): Promise<EncodedPrompt> {
    if (!SAFE_ID.test(scriptId) || !SAFE_ID.test(promptId) || scriptId.includes('..') || promptId.includes('..')) {
      return Promise.reject(new PromptError(`invalid prompt reference ${JSON.stringify(scriptId)}/${JSON.stringify(promptId)}`));
    }
    const key = `${scriptId}/${promptId}@${formatKey(format)}`;
    let hit = this.encoded.get(key);
    if (!hit) {
      if (this.encoded.size >= this.maxEntries) this.encoded.delete(this.encoded.keys().next().value!);
      hit = this.load(scriptId, promptId).then((pcm8k) => encodePrompt(pcm8k, format));
      hit.catch(() => this.encoded.delete(key));
      this.encoded.set(key, hit);
    }
    return hit;
  }

  private load(scriptId: string, promptId: string): Promise<Float32Array> {
    const id = `${scriptId}/${promptId}`;
    let p = this.pcm.get(id);
    if (!p) {
      const file = path.join(this.dir, scriptId, `${promptId}.wav`);
      p = fs
        .readFile(file)
        .catch((err: NodeJS.ErrnoException) => {
          throw new PromptError(`prompt recording ${file} ${err.code === 'ENOENT' ? 'does not exist' : `unreadable: ${err.message}`}`);
        })
        .then((buf) => {
          const wav = parseWav(buf, file);
          const mono = toMonoFloat(wav);
          return wav.sampleRate === 8000 ? mono : resampleAll(mono, wav.sampleRate, 8000);
        });
      p.catch(() => this.pcm.delete(id));
      this.pcm.set(id, p);
    }
    return p;
  }
}

function toInt16(x: Float32Array): Int16Array {
  const out = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(x[i]! * 32768)));
  return out;
}

/** Encode 8 kHz float audio into 20 ms frames of `format`. */
export function encodePrompt(pcm8k: Float32Array, format: MediaFormat): EncodedPrompt {
  if (format.codec === 'opus') throw new PromptError('outbound Opus is not supported; the framing must send G.711 or L16');
  const audio = format.sampleRate === 8000 ? pcm8k : resampleAll(pcm8k, 8000, format.sampleRate);
  const samplesPerFrame = (format.sampleRate * FRAME_MS) / 1000;
  const frameCount = Math.ceil(audio.length / samplesPerFrame);
  // Pad the last frame with silence: carriers expect whole frames.
  const padded = new Float32Array(frameCount * samplesPerFrame);
  padded.set(audio);
  const pcm = toInt16(padded);
  let bytes: Uint8Array;
  if (format.codec === 'pcmu') bytes = encodeMulaw(pcm);
  else if (format.codec === 'pcma') bytes = encodeAlaw(pcm);
  else {
    bytes = new Uint8Array(pcm.length * 2);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < pcm.length; i++) view.setInt16(i * 2, pcm[i]!, format.littleEndian === true);
  }
  const bytesPerFrame = bytes.length / frameCount;
  const frames: Uint8Array[] = [];
  const levels = new Float32Array(frameCount);
  for (let f = 0; f < frameCount; f++) {
    frames.push(bytes.subarray(f * bytesPerFrame, (f + 1) * bytesPerFrame));
    let e = 0;
    for (let i = f * samplesPerFrame; i < (f + 1) * samplesPerFrame; i++) e += padded[i]! * padded[i]!;
    levels[f] = Math.sqrt(e / samplesPerFrame);
  }
  return { frames, levels, frameMs: FRAME_MS };
}
