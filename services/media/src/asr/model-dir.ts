import fs from 'node:fs';
import path from 'node:path';
import { detectModel as detectModelFiles, recognizerConfig as sharedRecognizerConfig } from '../../../../tools/asr-model/model-dir.ts';

/**
 * Which streaming model `VOICEBOT_MEDIA_ASR_MODEL` points at, and the sherpa-onnx recognizer
 * config for it. Detection (official transducer / paraformer / zipformer2 CTC layouts and the
 * project's own T-one CTC model, recognised by its ONNX metadata) is the ASR tooling's
 * `tools/asr-model/model-dir.ts`, shared so the CLI, the evaluation and the service agree.
 */
export type ModelKind = 'transducer' | 'paraformer' | 'zipformer2Ctc' | 'toneCtc';

export interface DetectedModel {
  kind: ModelKind;
  dir: string;
  /** `modelConfig` for sherpa-onnx's createOnlineRecognizer, with absolute paths. */
  modelConfig: Record<string, unknown>;
  /** Model name for logs (manifest name or directory name). */
  name: string;
}

export function detectModel(dir: string): DetectedModel {
  const found = detectModelFiles(dir);
  let name = path.basename(found.dir);
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(found.dir, 'manifest.json'), 'utf8')) as { name?: unknown };
    if (typeof manifest.name === 'string') name = manifest.name;
  } catch {
    /* official model directories have no manifest */
  }
  return { kind: found.kind, dir: found.dir, modelConfig: found.config, name };
}

/** Rate the model's front end consumes: T-one CTC models are 8 kHz telephone models. */
export function modelSampleRate(model: DetectedModel): number {
  return model.kind === 'toneCtc' ? 8000 : 16000;
}

/** Recognizer config for live calls: endpointing on, 0.8 s of trailing silence ends an utterance. */
export function recognizerConfig(model: DetectedModel): Record<string, unknown> {
  return sharedRecognizerConfig(model.modelConfig, { enabled: true, trailingSilenceS: 0.8 });
}
