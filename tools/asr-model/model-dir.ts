// Detects which kind of sherpa-onnx *online* (streaming) model a directory
// holds and builds the sherpa-onnx `modelConfig` for it.
// Dependency-free (node:fs / node:path only): the media service imports it.
//
// Rules (first match wins):
//  1. transducer    — a joiner*.onnx exists, or an encoder*.onnx exists and the
//                     directory name mentions zipformer/conformer/lstm/transducer
//                     (and not paraformer). Needs encoder*.onnx, decoder*.onnx,
//                     joiner*.onnx, tokens.txt. With both fp32 and int8 files the
//                     int8 encoder/joiner and the fp32 decoder are chosen (the
//                     combination the official examples use); pass
//                     {preferInt8:false} to take fp32 everywhere.
//  2. paraformer    — encoder*.onnx / decoder*.onnx without joiner. Needs
//                     encoder*.onnx, decoder*.onnx, tokens.txt.
//  3. zipformer2Ctc — a file matching *ctc*.onnx (official names:
//                     ctc-epoch-20-avg-1-chunk-16-left-128[.int8].onnx), or
//                     model[.int8].onnx WITHOUT T-one metadata in a directory
//                     whose name contains "zipformer" or "ctc"
//                     (e.g. sherpa-onnx-streaming-zipformer-small-ctc-zh-…).
//                     Needs that file + tokens.txt.
//  4. toneCtc       — model.onnx (or model.int8.onnx) whose ONNX metadata_props
//                     contain sample_rate, frame_length_ms and state_dim, plus
//                     tokens.txt.
// Anything else throws an Error that names exactly which files are missing.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type ModelKind = 'transducer' | 'paraformer' | 'zipformer2Ctc' | 'toneCtc';

export interface DetectedModel {
  kind: ModelKind;
  dir: string;
  /** sherpa-onnx OnlineRecognizer `modelConfig` (absolute paths) */
  config: Record<string, unknown>;
}

export interface DetectOptions {
  preferInt8?: boolean;
  numThreads?: number;
}

const TONE_KEYS = ['sample_rate', 'frame_length_ms', 'state_dim'];

/** True if the ONNX file's metadata_props contain the T-one keys (byte scan, no ONNX parser). */
export function hasToneMetadata(file: string): boolean {
  const st = fs.statSync(file);
  const fd = fs.openSync(file, 'r');
  try {
    const parts: Buffer[] = [];
    const LIMIT = 16 * 1024 * 1024;
    if (st.size <= LIMIT) {
      const b = Buffer.alloc(st.size);
      fs.readSync(fd, b, 0, st.size, 0);
      parts.push(b);
    } else {
      // metadata_props (field 14) is serialised after the graph: look at the tail (and head)
      const n = 1024 * 1024;
      const head = Buffer.alloc(n);
      const tail = Buffer.alloc(n);
      fs.readSync(fd, head, 0, n, 0);
      fs.readSync(fd, tail, 0, n, st.size - n);
      parts.push(head, tail);
    }
    return TONE_KEYS.every((k) => parts.some((b) => b.includes(k, 0, 'latin1')));
  } finally {
    fs.closeSync(fd);
  }
}

function pick(files: string[], re: RegExp, preferInt8: boolean): string | undefined {
  const c = files.filter((f) => re.test(f)).sort();
  if (c.length === 0) return undefined;
  const int8 = c.filter((f) => /\.int8\.onnx$/.test(f));
  const fp = c.filter((f) => !/\.int8\.onnx$/.test(f));
  if (preferInt8) return int8[0] ?? fp[0];
  return fp[0] ?? int8[0];
}

function missingError(dir: string, kind: string, missing: string[]): Error {
  return new Error(`model directory ${dir}: ${kind} model is missing ${missing.join(', ')}`);
}

export function detectModel(dir: string, opts: DetectOptions = {}): DetectedModel {
  const preferInt8 = opts.preferInt8 ?? true;
  const abs = path.resolve(dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new Error(`model directory ${abs} does not exist`);
  }
  if (!st.isDirectory()) throw new Error(`model directory ${abs} is not a directory`);
  const files = fs.readdirSync(abs).filter((f) => {
    try {
      return fs.statSync(path.join(abs, f)).isFile();
    } catch {
      return false;
    }
  });
  const name = path.basename(abs).toLowerCase();
  const p = (f: string) => path.join(abs, f);
  const hasTokens = files.includes('tokens.txt');
  const base = { numThreads: opts.numThreads ?? 1, provider: 'cpu', debug: 0, modelType: '', modelingUnit: 'cjkchar', bpeVocab: '' };

  const enc = pick(files, /^encoder.*\.onnx$/, preferInt8);
  const dec = pick(files, /^decoder.*\.onnx$/, false);
  const join = pick(files, /^joiner.*\.onnx$/, preferInt8);
  const ctc = pick(files, /ctc.*\.onnx$/i, preferInt8);
  const model = files.includes('model.onnx') ? 'model.onnx' : files.includes('model.int8.onnx') ? 'model.int8.onnx' : undefined;

  const isParaformerName = /paraformer/.test(name);
  if (join || (enc && !isParaformerName && /zipformer|conformer|lstm|transducer/.test(name))) {
    const missing: string[] = [];
    if (!enc) missing.push('encoder*.onnx');
    if (!dec) missing.push('decoder*.onnx');
    if (!join) missing.push('joiner*.onnx');
    if (!hasTokens) missing.push('tokens.txt');
    if (missing.length) throw missingError(abs, 'transducer', missing);
    return { kind: 'transducer', dir: abs, config: { ...base, transducer: { encoder: p(enc!), decoder: p(dec!), joiner: p(join!) }, tokens: p('tokens.txt') } };
  }
  if (enc || dec) {
    const missing: string[] = [];
    if (!enc) missing.push('encoder*.onnx');
    if (!dec) missing.push('decoder*.onnx');
    if (!hasTokens) missing.push('tokens.txt');
    if (missing.length) throw missingError(abs, 'paraformer', missing);
    return { kind: 'paraformer', dir: abs, config: { ...base, paraformer: { encoder: p(enc!), decoder: p(dec!) }, tokens: p('tokens.txt') } };
  }
  if (model && hasToneMetadata(p(model))) {
    if (!hasTokens) throw missingError(abs, 'toneCtc', ['tokens.txt']);
    return { kind: 'toneCtc', dir: abs, config: { ...base, toneCtc: { model: p(model) }, tokens: p('tokens.txt') } };
  }
  const ctcFile = ctc ?? (model && /zipformer|ctc/.test(name) ? model : undefined);
  if (ctcFile) {
    if (!hasTokens) throw missingError(abs, 'zipformer2Ctc', ['tokens.txt']);
    return { kind: 'zipformer2Ctc', dir: abs, config: { ...base, zipformer2Ctc: { model: p(ctcFile) }, tokens: p('tokens.txt') } };
  }
  if (model) {
    throw new Error(
      `model directory ${abs}: ${model} has no T-one metadata (${TONE_KEYS.join(', ')}) and the directory name does not mark a zipformer2 CTC model; ` +
        `missing the toneCtc metadata_props${hasTokens ? '' : ' and tokens.txt'}`,
    );
  }
  const missing = hasTokens ? [] : ['tokens.txt'];
  throw new Error(
    `model directory ${abs}: no streaming model found; missing model file(s): expected encoder*.onnx + decoder*.onnx + joiner*.onnx (transducer), ` +
      `encoder*.onnx + decoder*.onnx (paraformer), *ctc*.onnx (zipformer2Ctc) or model.onnx with T-one metadata (toneCtc)` +
      (missing.length ? `, and ${missing.join(', ')}` : ''),
  );
}

/**
 * Full sherpa-onnx OnlineRecognizer config around a detected `modelConfig` (the JS API wants
 * every key once a config is passed). `endpoint` gives the live-call endpointing the media
 * service uses; offline tools decode whole files and turn it off.
 */
export function recognizerConfig(modelConfig: object, endpoint: { enabled: boolean; trailingSilenceS: number }): Record<string, unknown> {
  const empty = { transducer: { encoder: '', decoder: '', joiner: '' }, paraformer: { encoder: '', decoder: '' }, zipformer2Ctc: { model: '' }, nemoCtc: { model: '' }, toneCtc: { model: '' } };
  return {
    featConfig: { sampleRate: 16000, featureDim: 80 },
    modelConfig: { ...empty, numThreads: 1, provider: 'cpu', debug: 0, modelType: '', modelingUnit: 'cjkchar', bpeVocab: '', ...modelConfig },
    decodingMethod: 'greedy_search',
    maxActivePaths: 4,
    enableEndpoint: endpoint.enabled ? 1 : 0,
    rule1MinTrailingSilence: 2.4,
    rule2MinTrailingSilence: endpoint.trailingSilenceS,
    rule3MinUtteranceLength: 20,
    hotwordsFile: '',
    hotwordsScore: 1.5,
    ctcFstDecoderConfig: { graph: '', maxActive: 3000 },
    ruleFsts: '',
    ruleFars: '',
  };
}
