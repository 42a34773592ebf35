// Download + unpack an official sherpa-onnx streaming ASR model.
//
//   npm run model:fetch -- <name> [--dest DIR] [--base-url URL] [--force]
//   npm run model:fetch -- --list
//
// Tarballs are fetched from <base-url>/<name>.tar.bz2, base-url defaulting to
// the k2-fsa GitHub release tag `asr-models`. Unpacking uses the system
// `tar -xjf` (needs tar + bzip2). After unpacking, detectModel() checks the
// directory and prints the sherpa modelConfig. Default dest: wasm/models/
// (downloaded official models are git-ignored there: wasm/models/.gitignore).
// Names not in the table are still tried (they must look like sherpa-onnx-*).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { detectModel, type DetectedModel, type ModelKind } from './model-dir.ts';

export const DEFAULT_BASE_URL = 'https://github.com/k2-fsa/sherpa-onnx/releases/download/asr-models';

/** Official streaming models known to load in the sherpa-onnx npm (WASM) OnlineRecognizer. */
export const OFFICIAL_MODELS: Record<string, { kind: ModelKind; lang: string; note: string }> = {
  'sherpa-onnx-streaming-zipformer-bilingual-zh-en-2023-02-20': { kind: 'transducer', lang: 'zh+en', note: 'recommended for production (bilingual, 16 kHz; int8 encoder ~182 MB)' },
  'sherpa-onnx-streaming-zipformer-small-bilingual-zh-en-2023-02-16': { kind: 'transducer', lang: 'zh+en', note: 'smaller bilingual zipformer' },
  'sherpa-onnx-streaming-zipformer-zh-14M-2023-02-23': { kind: 'transducer', lang: 'zh', note: 'tiny Chinese zipformer' },
  'sherpa-onnx-streaming-zipformer-en-20M-2023-02-17': { kind: 'transducer', lang: 'en', note: 'tiny English zipformer' },
  'sherpa-onnx-streaming-zipformer-en-2023-06-26': { kind: 'transducer', lang: 'en', note: 'English zipformer' },
  'sherpa-onnx-streaming-zipformer-multi-zh-hans-2023-12-12': { kind: 'transducer', lang: 'zh', note: 'Chinese zipformer (multi-dataset)' },
  'sherpa-onnx-streaming-paraformer-bilingual-zh-en': { kind: 'paraformer', lang: 'zh+en', note: 'streaming paraformer' },
  'sherpa-onnx-streaming-zipformer-ctc-multi-zh-hans-2023-12-13': { kind: 'zipformer2Ctc', lang: 'zh', note: 'zipformer2 CTC (ctc-epoch-20-avg-1-chunk-16-left-128[.int8].onnx)' },
  'sherpa-onnx-streaming-t-one-russian-2025-09-08': { kind: 'toneCtc', lang: 'ru', note: 'T-one 8 kHz telephone CTC (Russian)' },
};

export function modelUrl(name: string, baseUrl = DEFAULT_BASE_URL): string {
  return `${baseUrl.replace(/\/+$/, '')}/${name}.tar.bz2`;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${stderr || err.message}`));
      else resolve();
    });
  });
}

export interface FetchOptions {
  dest?: string;
  baseUrl?: string;
  force?: boolean;
  log?: (msg: string) => void;
}

export async function fetchModel(name: string, opts: FetchOptions = {}): Promise<{ dir: string; model: DetectedModel }> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new Error(`invalid model name ${JSON.stringify(name)}`);
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const dest = path.resolve(opts.dest ?? path.join(__dirnameCompat(), '..', '..', 'wasm', 'models'));
  const dir = path.join(dest, name);
  if (fs.existsSync(dir) && !opts.force) {
    log(`${dir} exists; not downloading again (use --force)`);
    return { dir, model: detectModel(dir) };
  }
  fs.mkdirSync(dest, { recursive: true });
  const url = modelUrl(name, opts.baseUrl);
  log(`downloading ${url}`);
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow' });
  } catch (e) {
    const c = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`download of ${url} failed: ${c?.code ?? c?.message ?? (e as Error).message} (no network? use --base-url for a mirror)`);
  }
  if (!res.ok || !res.body) throw new Error(`download of ${url} failed: HTTP ${res.status} ${res.statusText}`);
  const tmp = path.join(dest, `.${name}.${process.pid}.tar.bz2.part`);
  const total = Number(res.headers.get('content-length') || 0);
  let got = 0;
  let nextPct = 10;
  const body = Readable.fromWeb(res.body as any);
  body.on('data', (c: Buffer) => {
    got += c.length;
    if (total && (got * 100) / total >= nextPct) {
      log(`  ${nextPct}% of ${(total / 1e6).toFixed(1)} MB`);
      nextPct += 10;
    }
  });
  try {
    await pipeline(body, fs.createWriteStream(tmp));
    if (opts.force && fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true });
    await run('tar', ['-xjf', tmp, '-C', dest]);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  if (!fs.existsSync(dir)) throw new Error(`the archive did not contain a top-level directory ${name}/`);
  const model = detectModel(dir);
  log(`unpacked ${dir} (${model.kind})`);
  return { dir, model };
}

function __dirnameCompat(): string {
  // works under tsx (CJS or ESM) and vitest
  // eslint-disable-next-line @typescript-eslint/ban-ts-comment
  // @ts-ignore
  if (typeof __dirname !== 'undefined') return __dirname;
  return path.dirname(new URL(import.meta.url).pathname);
}

async function main() {
  const a = process.argv.slice(2);
  let name: string | undefined;
  const opts: FetchOptions = {};
  for (let i = 0; i < a.length; i++) {
    const arg = a[i] ?? '';
    if (arg === '--dest') opts.dest = a[++i];
    else if (arg === '--base-url') opts.baseUrl = a[++i];
    else if (arg === '--force') opts.force = true;
    else if (arg === '--list') {
      for (const [n, m] of Object.entries(OFFICIAL_MODELS)) console.log(`${n}\t${m.kind}\t${m.lang}\t${m.note}\t${modelUrl(n)}`);
      return;
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else name = arg;
  }
  if (!name) throw new Error('usage: npm run model:fetch -- <name> [--dest DIR] [--base-url URL] [--force] | --list');
  if (!OFFICIAL_MODELS[name]) process.stderr.write(`note: ${name} is not in the table of known models; trying anyway\n`);
  const { dir, model } = await fetchModel(name, opts);
  console.log(JSON.stringify({ dir, kind: model.kind, config: model.config }));
}

if (process.argv[1] && /fetch-model\.[cm]?[tj]s$/.test(process.argv[1])) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
