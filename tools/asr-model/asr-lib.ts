// Shared helpers for the ASR CLI / eval / tests: WAV reading and a
// sherpa-onnx OnlineRecognizer that lives in a worker thread.
import { recognizerConfig as sharedRecognizerConfig } from './model-dir.ts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export const HERE: string =
  typeof __dirname !== 'undefined' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const DEFAULT_MODEL_DIR = path.join(REPO_ROOT, 'wasm', 'models', 'voicebot-tel-zh-en');

export interface Wav {
  sampleRate: number;
  channels: number;
  /** mono float samples in [-1, 1] (stereo is averaged) */
  samples: Float32Array;
}

/** Reads a 16-bit PCM (or 32-bit float) RIFF/WAVE file of any rate, mono or multi-channel; downmixes to mono. */
export function readWav(file: string): Wav {
  const b = fs.readFileSync(file);
  if (b.length < 12 || b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${file}: not a RIFF/WAVE file`);
  }
  let pos = 12;
  let fmt: { format: number; channels: number; sampleRate: number; bits: number } | null = null;
  while (pos + 8 <= b.length) {
    const id = b.toString('ascii', pos, pos + 4);
    let size = b.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ') {
      let format = b.readUInt16LE(body);
      if (format === 0xfffe && size >= 26) format = b.readUInt16LE(body + 24); // WAVE_FORMAT_EXTENSIBLE
      fmt = { format, channels: b.readUInt16LE(body + 2), sampleRate: b.readUInt32LE(body + 4), bits: b.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!fmt) throw new Error(`${file}: data chunk before fmt chunk`);
      if (size === 0 || body + size > b.length) size = b.length - body; // streamed WAVs
      const ch = fmt.channels;
      let frames: number;
      const out = (n: number) => new Float32Array(n);
      let samples: Float32Array;
      if (fmt.format === 1 && fmt.bits === 16) {
        frames = Math.floor(size / (2 * ch));
        samples = out(frames);
        for (let i = 0; i < frames; i++) {
          let s = 0;
          for (let c = 0; c < ch; c++) s += b.readInt16LE(body + 2 * (i * ch + c));
          samples[i] = s / ch / 32768;
        }
      } else if (fmt.format === 3 && fmt.bits === 32) {
        frames = Math.floor(size / (4 * ch));
        samples = out(frames);
        for (let i = 0; i < frames; i++) {
          let s = 0;
          for (let c = 0; c < ch; c++) s += b.readFloatLE(body + 4 * (i * ch + c));
          samples[i] = s / ch;
        }
      } else {
        throw new Error(`${file}: unsupported WAV encoding (format ${fmt.format}, ${fmt.bits} bits); need 16-bit PCM`);
      }
      return { sampleRate: fmt.sampleRate, channels: ch, samples };
    }
    pos = body + size + (size & 1);
  }
  throw new Error(`${file}: no data chunk`);
}

/** Writes mono 16-bit PCM. */
export function writeWav(file: string, samples: Float32Array, sampleRate: number): void {
  const n = samples.length;
  const b = Buffer.alloc(44 + 2 * n);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + 2 * n, 4);
  b.write('WAVEfmt ', 8, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(sampleRate, 24);
  b.writeUInt32LE(sampleRate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(2 * n, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round((samples[i] ?? 0) * 32767))), 44 + 2 * i);
  fs.writeFileSync(file, b);
}

export interface DecodeResult {
  text: string;
  tokens: string[];
  ms: number;
}

export interface DecodeOptions {
  /** feed the audio in pieces of this many ms (0/undefined = all at once) */
  pieceMs?: number;
  /** silence appended before inputFinished(); default 900 ms (>= 600 ms needed) */
  tailMs?: number;
}

/** A sherpa-onnx OnlineRecognizer in a worker thread (bad configs may exit() the WASM module). */
export class RecognizerWorker {
  private next = 1;
  private pending = new Map<number, { resolve: (r: DecodeResult) => void; reject: (e: Error) => void }>();
  private constructor(private worker: Worker) {}

  static create(recognizerConfig: object): Promise<RecognizerWorker> {
    const worker = new Worker(path.join(HERE, 'sherpa-worker.cjs'), { workerData: { config: recognizerConfig } });
    return new Promise((resolve, reject) => {
      let ready = false;
      const rw = new RecognizerWorker(worker);
      worker.on('message', (m: any) => {
        if (!ready) {
          if (m.type === 'ready') {
            ready = true;
            resolve(rw);
          } else if (m.type === 'error') {
            reject(new Error(m.error));
            void worker.terminate();
          }
          return;
        }
        const p = rw.pending.get(m.id);
        if (!p) return;
        rw.pending.delete(m.id);
        if (m.error) p.reject(new Error(m.error));
        else p.resolve({ text: m.text, tokens: m.tokens, ms: m.ms });
      });
      const fail = (e: Error) => {
        if (!ready) reject(e);
        for (const p of rw.pending.values()) p.reject(e);
        rw.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`sherpa-onnx worker exited (code ${code}); the model or its metadata is probably invalid`)));
    });
  }

  decode(samples: Float32Array, sampleRate: number, opts: DecodeOptions = {}): Promise<DecodeResult> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, samples, sampleRate, pieceMs: opts.pieceMs ?? 0, tailMs: opts.tailMs ?? 900 });
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/** Recognizer config for decoding whole files: no endpointing. */
export function recognizerConfig(modelConfig: object): object {
  return sharedRecognizerConfig(modelConfig, { enabled: false, trailingSilenceS: 1.2 });
}

/** Normalises recognizer text to keyword text: drops <unk>, trims, collapses spaces. */
export function cleanText(t: string): string {
  return t.replace(/<unk>/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Band-limited resampling (Hann-windowed sinc, 16 zero crossings at the lower
 * of the two Nyquist rates). Used so that sherpa-onnx receives audio at the
 * model rate (it would otherwise resample itself and print a notice on stdout).
 */
export function resample(x: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return x;
  const ratio = to / from;
  const n = Math.floor(x.length * ratio);
  const y = new Float32Array(n);
  const fc = Math.min(1, ratio) * 0.97; // cutoff relative to the input Nyquist
  const zc = 16;
  const half = Math.ceil(zc / fc);
  for (let i = 0; i < n; i++) {
    const t = i / ratio;
    const c = Math.floor(t);
    let acc = 0;
    let wsum = 0;
    for (let k = c - half + 1; k <= c + half; k++) {
      if (k < 0 || k >= x.length) continue;
      const d = t - k;
      const a = Math.PI * d * fc;
      const s = d === 0 ? 1 : Math.sin(a) / a;
      const w = 0.5 + 0.5 * Math.cos((Math.PI * d) / (half + 1));
      const h = s * w;
      acc += (x[k] ?? 0) * h;
      wsum += h;
    }
    y[i] = wsum !== 0 ? acc / wsum : 0;
  }
  return y;
}

/** Sample rate the recognizer runs at for a detected model kind. */
export function modelSampleRate(kind: string): number {
  return kind === 'toneCtc' ? 8000 : 16000;
}
