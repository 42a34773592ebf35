/**
 * Messages between the main thread and an ASR worker. Audio does not travel here: it is in each
 * call's shared `AudioRing`; the doorbell (an Int32 in shared memory) tells the worker new audio
 * arrived. Positions are 16 kHz sample counts in the call's inbound stream.
 */

export interface VadSettings {
  /** Path of the Silero VAD v5 ONNX model. */
  model: string;
  threshold: number;
  minSpeechMs: number;
  minSilenceMs: number;
  /** Windows below this RMS (linear, full scale 1.0) skip VAD inference while not in speech; 0 disables the gate. */
  energyGate: number;
}

export interface WorkerInit {
  workerIndex: number;
  vad: VadSettings;
  /** sherpa-onnx online recognizer config, or null for VAD only. */
  recognizer: Record<string, unknown> | null;
  /** Sample rate the recognizer's model consumes. */
  recognizerRate: number;
  /** VAD instances created before the worker reports ready; more are made when needed. */
  warmSlots: number;
  doorbell: SharedArrayBuffer;
  /** Milliseconds between partial transcripts of one utterance. */
  partialIntervalMs: number;
}

export type ToWorker =
  | { type: 'attach'; callKey: number; ring: SharedArrayBuffer }
  | { type: 'detach'; callKey: number }
  | { type: 'ping'; id: number }
  /** Test hook: make the worker die the way the WASM module's `exit()` would. */
  | { type: 'crash'; how: 'exit' | 'throw' };

export type FromWorker =
  | { type: 'ready'; slots: number; warmupMs: number }
  | { type: 'attached'; callKey: number }
  | { type: 'speech_start'; callKey: number; onsetSample: number; detectSample: number }
  | { type: 'speech_end'; callKey: number; endSample: number; detectSample: number; onsetSample: number }
  | { type: 'partial'; callKey: number; text: string; startSample: number }
  | { type: 'final'; callKey: number; text: string; confidence: number; startSample: number; endSample: number; decodeMs: number }
  | { type: 'stats'; windows: number; inferred: number; busyMs: number; slots: number; calls: number }
  | { type: 'pong'; id: number }
  | { type: 'error'; callKey: number; message: string };
