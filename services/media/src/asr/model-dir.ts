import fs from 'node:fs';
import path from 'node:path';

/**
 * Finds out which streaming model a directory holds and builds the sherpa-onnx `modelConfig` for
 * it. A `manifest.json` with `sherpaConfig.modelConfig` (what the project's own model ships) wins;
 * otherwise the official sherpa-onnx release layouts are recognised by file names.
 */
export type ModelKind = 'transducer' | 'paraformer' | 'zipformer2Ctc' | 'nemoCtc' | 'toneCtc';

export interface DetectedModel {
  kind: ModelKind;
  dir: string;
  /** `modelConfig` for sherpa-onnx's createOnlineRecognizer, with absolute paths. */
  modelConfig: Record<string, unknown>;
  /** Model name for logs and metrics (manifest name or directory name). */
  name: string;
}

/** Rate the model's front end consumes: T-one CTC models are 8 kHz telephone models. */
export function modelSampleRate(model: DetectedModel): number {
  return model.kind === 'toneCtc' ? 8000 : 16000;
}

export class ModelDirError extends Error {
  constructor(dir: string, detail: string) {
    super(`ASR model directory ${dir}: ${detail}`);
    this.name = 'ModelDirError';
  }
}

const KINDS: ModelKind[] = ['transducer', 'paraformer', 'zipformer2Ctc', 'nemoCtc', 'toneCtc'];

export function detectModel(dirIn: string): DetectedModel {
  const dir = path.resolve(dirIn);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ModelDirError(dir, 'does not exist or is not a directory');
  const files = fs.readdirSync(dir);
  const abs = (f: string): string => path.join(dir, f);
  const manifestPath = abs('manifest.json');
  if (fs.existsSync(manifestPath)) return fromManifest(dir, manifestPath);

  const tokens = files.find((f) => f === 'tokens.txt');
  if (!tokens) throw new ModelDirError(dir, 'no tokens.txt');
  const onnx = files.filter((f) => f.endsWith('.onnx'));
  // Release archives ship both fp32 and int8 files; prefer int8 (smaller, faster in WASM).
  const pick = (re: RegExp): string | undefined => {
    const m = onnx.filter((f) => re.test(f));
    return m.find((f) => f.includes('int8')) ?? m[0];
  };
  const encoder = pick(/^encoder/);
  const decoder = pick(/^decoder/);
  const joiner = pick(/^joiner/);
  const base = { tokens: abs(tokens), numThreads: 1, provider: 'cpu', debug: 0 };
  if (encoder && decoder && joiner) {
    return { kind: 'transducer', dir, name: path.basename(dir), modelConfig: { ...base, transducer: { encoder: abs(encoder), decoder: abs(decoder), joiner: abs(joiner) } } };
  }
  if (encoder && decoder) {
    return { kind: 'paraformer', dir, name: path.basename(dir), modelConfig: { ...base, paraformer: { encoder: abs(encoder), decoder: abs(decoder) } } };
  }
  const ctc = pick(/ctc/);
  if (ctc) {
    const kind: ModelKind = /nemo|fastconformer/i.test(dir + ctc) ? 'nemoCtc' : 'zipformer2Ctc';
    return { kind, dir, name: path.basename(dir), modelConfig: { ...base, [kind]: { model: abs(ctc) } } };
  }
  const single = pick(/^model/);
  if (single) return { kind: 'toneCtc', dir, name: path.basename(dir), modelConfig: { ...base, toneCtc: { model: abs(single) } } };
  throw new ModelDirError(dir, `no recognisable model files (found ${onnx.join(', ') || 'no .onnx'})`);
}

function fromManifest(dir: string, manifestPath: string): DetectedModel {
  let manifest: { name?: unknown; sherpaConfig?: { modelConfig?: Record<string, unknown> } };
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as typeof manifest;
  } catch (err) {
    throw new ModelDirError(dir, `manifest.json is not JSON (${(err as Error).message})`);
  }
  const mc = manifest.sherpaConfig?.modelConfig;
  if (!mc || typeof mc !== 'object') throw new ModelDirError(dir, 'manifest.json has no sherpaConfig.modelConfig');
  const kind = KINDS.find((k) => mc[k] !== undefined);
  if (!kind) throw new ModelDirError(dir, `manifest modelConfig names none of ${KINDS.join(', ')}`);
  const resolved: Record<string, unknown> = { numThreads: 1, provider: 'cpu', debug: 0, ...mc };
  const files = mc[kind] as Record<string, unknown>;
  const resolvedFiles: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) {
    if (typeof v !== 'string') continue;
    const p = path.resolve(dir, v);
    if (!fs.existsSync(p)) throw new ModelDirError(dir, `manifest names ${k}=${v}, which does not exist`);
    resolvedFiles[k] = p;
  }
  resolved[kind] = resolvedFiles;
  if (typeof mc.tokens !== 'string') throw new ModelDirError(dir, 'manifest modelConfig has no tokens');
  const tokens = path.resolve(dir, mc.tokens);
  if (!fs.existsSync(tokens)) throw new ModelDirError(dir, `tokens file ${mc.tokens} does not exist`);
  resolved.tokens = tokens;
  return { kind, dir, name: typeof manifest.name === 'string' ? manifest.name : path.basename(dir), modelConfig: resolved };
}

/** Full recognizer config for sherpa-onnx (its JS API needs every key when a config is passed). */
export function recognizerConfig(model: DetectedModel): Record<string, unknown> {
  const empty = { transducer: { encoder: '', decoder: '', joiner: '' }, paraformer: { encoder: '', decoder: '' }, zipformer2Ctc: { model: '' }, nemoCtc: { model: '' }, toneCtc: { model: '' } };
  return {
    featConfig: { sampleRate: 16000, featureDim: 80 },
    modelConfig: { ...empty, modelType: '', modelingUnit: 'cjkchar', bpeVocab: '', ...model.modelConfig },
    decodingMethod: 'greedy_search',
    maxActivePaths: 4,
    enableEndpoint: 1,
    rule1MinTrailingSilence: 2.4,
    rule2MinTrailingSilence: 0.8,
    rule3MinUtteranceLength: 20,
    hotwordsFile: '',
    hotwordsScore: 1.5,
    ctcFstDecoderConfig: { graph: '', maxActive: 3000 },
    ruleFsts: '',
    ruleFars: '',
  };
}
