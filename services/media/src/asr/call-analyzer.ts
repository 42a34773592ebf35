/**
 * Per-call VAD + streaming ASR inside a worker: consumes 512-sample (32 ms @ 16 kHz) windows,
 * keeps the speech state, feeds the recognizer only while there is speech (plus a short pre-roll),
 * and reports speech start/end, partials and finals with stream positions. The engines are
 * ports so this logic is tested with fakes; the worker wires sherpa-onnx in.
 */

export const WINDOW = 512;
const SAMPLE_RATE = 16000;
const PREROLL_WINDOWS = 12;
/** About -46 dBFS: quieter windows do not count as the start of an utterance. */
const ONSET_RMS = 0.005;

export interface VadEngine {
  accept(window: Float32Array): void;
  /** True while the detector considers the input speech. */
  detected(): boolean;
  reset(): void;
}

export interface RecognizerStream {
  accept(samples: Float32Array): void;
  /** Decode what is ready; returns the current hypothesis text. */
  decode(): string;
  /** Signal end of input, decode the rest and return the final text and its confidence (0..1, or -1 unknown). */
  finish(): { text: string; confidence: number };
  free(): void;
}

export interface RecognizerEngine {
  createStream(): RecognizerStream;
}

export interface AnalyzerSettings {
  minSpeechMs: number;
  minSilenceMs: number;
  energyGate: number;
  partialIntervalMs: number;
}

export type AnalyzerEvent =
  | { type: 'speech_start'; onsetSample: number; detectSample: number }
  | { type: 'speech_end'; endSample: number; detectSample: number; onsetSample: number }
  | { type: 'partial'; text: string; startSample: number }
  | { type: 'final'; text: string; confidence: number; startSample: number; endSample: number; decodeMs: number };

export class CallAnalyzer {
  /** Stream position (samples) of the end of the last window processed. */
  position = 0;
  windows = 0;
  inferred = 0;
  private speaking = false;
  private onset = 0;
  private aboveGateSince = -1;
  private stream: RecognizerStream | undefined;
  private lastPartialAt = 0;
  private lastPartial = '';
  private readonly preroll: Float32Array[];
  private prerollEnds: number[];
  private prerollNext = 0;
  private readonly minSpeechSamples: number;
  private readonly minSilenceSamples: number;
  private readonly partialIntervalSamples: number;

  constructor(
    private readonly vad: VadEngine,
    private readonly recognizer: RecognizerEngine | undefined,
    private readonly settings: AnalyzerSettings,
    private readonly emit: (event: AnalyzerEvent) => void,
    startPosition = 0,
  ) {
    this.position = startPosition;
    this.preroll = Array.from({ length: PREROLL_WINDOWS }, () => new Float32Array(WINDOW));
    this.prerollEnds = new Array<number>(PREROLL_WINDOWS).fill(-1);
    this.minSpeechSamples = (settings.minSpeechMs * SAMPLE_RATE) / 1000;
    this.minSilenceSamples = (settings.minSilenceMs * SAMPLE_RATE) / 1000;
    this.partialIntervalSamples = (settings.partialIntervalMs * SAMPLE_RATE) / 1000;
  }

  get inSpeech(): boolean {
    return this.speaking;
  }

  process(window: Float32Array): void {
    const start = this.position;
    const end = start + WINDOW;
    this.position = end;
    this.windows++;
    let energy = 0;
    for (let i = 0; i < WINDOW; i++) energy += window[i]! * window[i]!;
    const rms = Math.sqrt(energy / WINDOW);
    const gate = this.settings.energyGate;
    // Onset estimate: where the current run of non-silent windows began.
    if (rms >= (gate > 0 ? gate : ONSET_RMS)) {
      if (this.aboveGateSince < 0) this.aboveGateSince = start;
    } else if (!this.speaking) {
      this.aboveGateSince = -1;
    }
    if (!this.speaking && gate > 0 && rms < gate) {
      this.remember(window, end);
      return;
    }
    this.vad.accept(window);
    this.inferred++;
    const detected = this.vad.detected();
    if (!this.speaking && detected) this.startSpeech(end);
    if (this.speaking) {
      this.stream?.accept(window);
      if (this.stream && end - this.lastPartialAt >= this.partialIntervalSamples) {
        this.lastPartialAt = end;
        const text = this.stream.decode();
        if (text && text !== this.lastPartial) {
          this.lastPartial = text;
          this.emit({ type: 'partial', text, startSample: this.onset });
        }
      }
      if (!detected) this.endSpeech(end);
    }
    this.remember(window, end);
  }

  private startSpeech(detectSample: number): void {
    this.speaking = true;
    const earliest = detectSample - this.minSpeechSamples - 4 * WINDOW;
    this.onset = Math.max(0, this.aboveGateSince >= 0 ? Math.max(this.aboveGateSince, earliest) : detectSample - this.minSpeechSamples - WINDOW);
    this.emit({ type: 'speech_start', onsetSample: this.onset, detectSample });
    this.lastPartial = '';
    this.lastPartialAt = detectSample;
    if (!this.recognizer) return;
    this.stream = this.recognizer.createStream();
    // Pre-roll: the audio from a little before the onset up to the window before this one.
    const from = this.onset - 0.1 * SAMPLE_RATE;
    for (let k = 0; k < PREROLL_WINDOWS; k++) {
      const i = (this.prerollNext + k) % PREROLL_WINDOWS;
      const e = this.prerollEnds[i]!;
      if (e > from && e <= detectSample - WINDOW) this.stream.accept(this.preroll[i]!);
    }
  }

  private endSpeech(detectSample: number): void {
    this.speaking = false;
    this.aboveGateSince = -1;
    const endSample = Math.max(this.onset, detectSample - this.minSilenceSamples);
    this.emit({ type: 'speech_end', endSample, detectSample, onsetSample: this.onset });
    const stream = this.stream;
    this.stream = undefined;
    if (!stream) return;
    const t0 = performance.now();
    const { text, confidence } = stream.finish();
    stream.free();
    this.emit({ type: 'final', text, confidence, startSample: this.onset, endSample, decodeMs: performance.now() - t0 });
  }

  private remember(window: Float32Array, end: number): void {
    this.preroll[this.prerollNext]!.set(window);
    this.prerollEnds[this.prerollNext] = end;
    this.prerollNext = (this.prerollNext + 1) % PREROLL_WINDOWS;
  }

  /** The call left this worker: free the recognizer stream; the VAD goes back to the pool. */
  close(): void {
    this.stream?.free();
    this.stream = undefined;
    this.vad.reset();
  }
}
