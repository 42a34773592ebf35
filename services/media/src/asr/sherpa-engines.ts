import { createRequire } from 'node:module';
import type { RecognizerEngine, RecognizerStream, VadEngine } from './call-analyzer.ts';
import { Resampler } from '../dsp/resampler.ts';
import type { VadSettings } from './protocol.ts';

/**
 * sherpa-onnx (WASM) behind the analyzer's ports. Loaded only inside ASR workers: the module
 * calls `exit()` on a bad model, which must take down a worker, never the service.
 */
interface SherpaVad {
  acceptWaveform(samples: Float32Array): void;
  isDetected(): boolean;
  isEmpty(): boolean;
  pop(): void;
  reset(): void;
  free(): void;
  handle: number;
}
interface SherpaStream {
  acceptWaveform(rate: number, samples: Float32Array): void;
  inputFinished(): void;
  free(): void;
  handle: number;
}
interface SherpaRecognizer {
  handle: number;
  createStream(): SherpaStream;
  isReady(s: SherpaStream): boolean;
  decode(s: SherpaStream): void;
  getResult(s: SherpaStream): { text?: string; ys_probs?: number[] };
  free(): void;
}
interface SherpaModule {
  createVad(config: unknown): SherpaVad;
  createOnlineRecognizer(config: unknown): SherpaRecognizer;
  version: string;
}

let sherpa: SherpaModule | undefined;
export function loadSherpa(): SherpaModule {
  sherpa ??= createRequire(import.meta.url)('sherpa-onnx') as SherpaModule;
  return sherpa;
}

/** Out-of-vocabulary / garbage tokens are not words the dialogue should see. */
const GARBAGE_TOKENS = /<unk>|<garbage>|<noise>/g;

function cleanText(text: string | undefined): string {
  return (text ?? '').replace(GARBAGE_TOKENS, ' ').replace(/\s+/g, ' ').trim();
}

export class SherpaVadEngine implements VadEngine {
  private readonly vad: SherpaVad;

  constructor(settings: VadSettings) {
    this.vad = loadSherpa().createVad({
      sileroVad: {
        model: settings.model,
        threshold: settings.threshold,
        minSilenceDuration: settings.minSilenceMs / 1000,
        minSpeechDuration: settings.minSpeechMs / 1000,
        windowSize: 512,
        maxSpeechDuration: 30,
      },
      tenVad: { model: '', threshold: 0.5, minSilenceDuration: 0.5, minSpeechDuration: 0.25, windowSize: 256, maxSpeechDuration: 20 },
      sampleRate: 16000,
      numThreads: 1,
      provider: 'cpu',
      debug: 0,
      bufferSizeInSeconds: 40,
    });
    if (!this.vad.handle) throw new Error(`could not load the VAD model ${settings.model}`);
  }

  accept(window: Float32Array): void {
    this.vad.acceptWaveform(window);
    // We track positions ourselves; the detector's own segment copies are only dropped.
    while (!this.vad.isEmpty()) this.vad.pop();
  }

  detected(): boolean {
    return this.vad.isDetected();
  }

  reset(): void {
    this.vad.reset();
  }
}

/** Zeros appended before `inputFinished`: the T-one CTC front end never decodes a partial last chunk. */
const TAIL_PADDING = new Float32Array(0.6 * 16000);

class SherpaRecognizerStream implements RecognizerStream {
  /** Set when the model runs at 8 kHz: we downsample with our own FIR (the runtime's would log on every stream). */
  private readonly resampler: Resampler | undefined;
  private scratch = new Float32Array(512);

  constructor(
    private readonly recognizer: SherpaRecognizer,
    private readonly stream: SherpaStream,
    private readonly modelRate: number,
  ) {
    if (modelRate !== 16000) this.resampler = new Resampler(16000, modelRate);
  }

  accept(samples: Float32Array): void {
    if (!this.resampler) {
      this.stream.acceptWaveform(16000, samples);
      return;
    }
    const need = this.resampler.maxOutput(samples.length);
    if (this.scratch.length < need) this.scratch = new Float32Array(need);
    const n = this.resampler.process(samples, this.scratch);
    this.stream.acceptWaveform(this.modelRate, this.scratch.subarray(0, n));
  }

  decode(): string {
    while (this.recognizer.isReady(this.stream)) this.recognizer.decode(this.stream);
    return cleanText(this.recognizer.getResult(this.stream).text);
  }

  finish(): { text: string; confidence: number } {
    this.accept(TAIL_PADDING);
    this.stream.inputFinished();
    while (this.recognizer.isReady(this.stream)) this.recognizer.decode(this.stream);
    const result = this.recognizer.getResult(this.stream);
    const probs = result.ys_probs;
    // ys_probs are per-token log-probabilities where the model type reports them.
    const confidence = probs && probs.length ? Math.exp(probs.reduce((a, b) => a + b, 0) / probs.length) : -1;
    return { text: cleanText(result.text), confidence };
  }

  free(): void {
    this.stream.free();
  }
}

export class SherpaRecognizerEngine implements RecognizerEngine {
  private readonly recognizer: SherpaRecognizer;

  /** `modelRate`: the rate the model consumes (T-one CTC: 8000); others get 16 kHz as is. */
  constructor(config: Record<string, unknown>, private readonly modelRate = 16000) {
    this.recognizer = loadSherpa().createOnlineRecognizer(config);
    if (!this.recognizer.handle) throw new Error('could not create the online recognizer (model files missing or unreadable)');
  }

  createStream(): RecognizerStream {
    return new SherpaRecognizerStream(this.recognizer, this.recognizer.createStream(), this.modelRate);
  }
}
