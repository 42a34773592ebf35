// Scores an exported model through the sherpa-onnx WASM OnlineRecognizer
// (modelConfig.toneCtc) on the held-out evaluation set made by the recipe
// (tools/asr-model/.cache/eval, held-out espeak-ng voices incl. the demo voices,
// held-out Allison recordings and held-out non-lexicon sentences).
//
//   npm run model:eval -- [--model DIR] [--data DIR] [--json] [--update-manifest] [--limit N] [--all-errors]
//
// --json: the last stdout line is exactly
//   {"exactZh":x,"exactEn":x,"terZh":x,"terEn":x,"oovFalseKeywordRate":x,"rtf":x,"modelBytes":n}
// exact*: fraction of lexicon-phrase utterances whose cleaned output equals the phrase
// ter*:   token error rate (edit distance over model tokens, <unk> counted, / reference tokens)
// oovFalseKeywordRate: fraction of unrelated utterances whose output contains any lexicon phrase
// rtf:    decode time / audio time, single thread WASM (numThreads 1), audio incl. 0.9 s flush;
//         fastest of 3 runs per file on a 24-file subset (the build machine is shared);
//         the plain wall-clock figure over every file is printed as rtfWallAllFiles
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { HERE, DEFAULT_MODEL_DIR, RecognizerWorker, readWav as readWavRaw, recognizerConfig, cleanText, resample, modelSampleRate } from './asr-lib.ts';
import { detectModel } from './model-dir.ts';

interface Item { file: string; kind: 'phrase' | 'garbage'; lang: 'zh' | 'en'; text: string; voice: string; demo?: boolean }

function args() {
  const a = process.argv.slice(2);
  const o = { model: DEFAULT_MODEL_DIR, data: path.join(HERE, '.cache', 'eval'), json: false, update: false, limit: 0, allErrors: false };
  for (let i = 0; i < a.length; i++) {
    const arg = a[i];
    if (arg === '--model') o.model = a[++i] ?? o.model;
    else if (arg === '--data') o.data = a[++i] ?? o.data;
    else if (arg === '--json') o.json = true;
    else if (arg === '--update-manifest') o.update = true;
    else if (arg === '--all-errors') o.allErrors = true;
    else if (arg === '--limit') o.limit = Number(a[++i]);
    else throw new Error(`unknown argument ${arg}`);
  }
  return o;
}

export function editDistance(a: string[], b: string[]): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length]!;
}

/** reference tokens: zh greedy longest match over the zh phrase tokens, en "▁word" */
function refTokens(item: Item, zhUnits: string[]): string[] {
  if (item.lang === 'en') return item.text.split(/\s+/).map((w) => '▁' + w);
  const out: string[] = [];
  let i = 0;
  while (i < item.text.length) {
    const u = zhUnits.find((z) => item.text.startsWith(z, i));
    if (!u) return [...item.text];
    out.push(u);
    i += u.length;
  }
  return out;
}

export function containsKeyword(text: string, zh: string[], en: string[]): string | null {
  const t = cleanText(text);
  const compact = t.replace(/\s+/g, '');
  for (const k of zh) if (compact.includes(k)) return k;
  const words = ' ' + t.toLowerCase().replace(/[^a-z0-9' -]+/g, ' ').replace(/\s+/g, ' ').trim() + ' ';
  for (const k of en) if (words.includes(' ' + k.toLowerCase() + ' ')) return k;
  return null;
}

export function sameText(out: string, item: Item): boolean {
  const c = cleanText(out);
  if (item.lang === 'zh') return c.replace(/\s+/g, '') === item.text;
  return c.toLowerCase() === item.text.toLowerCase();
}

const REPO = path.resolve(HERE, '..', '..');
const CLIP_CATALOGUE = path.join(REPO, 'packages', 'carrier-simulator', 'personas', 'clips.yaml');
type ClipCatalogue = Partial<Record<'zh' | 'en', Record<string, string>>>;

/** What the demo callees say (language → clip slug → text); empty outside a full checkout. */
function loadClipCatalogue(): ClipCatalogue {
  return fs.existsSync(CLIP_CATALOGUE) ? (parseYaml(fs.readFileSync(CLIP_CATALOGUE, 'utf8')) as ClipCatalogue) : {};
}

/** The demo campaign's callee clips (made with the held-out demo voices): what the demo's
 * grades rest on, so the eval reports them next to the held-out set. */
async function checkDemoCalleeClips(
  rec: RecognizerWorker,
  readWav: (f: string) => { samples: Float32Array; sampleRate: number },
  catalogue: ClipCatalogue,
): Promise<{ exact: string; misses: Record<string, string> } | null> {
  if (!catalogue.zh && !catalogue.en) return null;
  let n = 0;
  let ok = 0;
  const misses: Record<string, string> = {};
  for (const lang of ['zh', 'en'] as const) {
    for (const [slug, text] of Object.entries(catalogue[lang] ?? {})) {
      const file = path.join(REPO, 'assets', 'callee-audio', lang, `${slug}.wav`);
      if (!fs.existsSync(file)) continue;
      const w = readWav(file);
      const r = await rec.decode(w.samples, w.sampleRate);
      n++;
      if (sameText(r.text, { file, kind: 'phrase', lang, text, voice: 'demo' })) ok++;
      else misses[`${slug} (${text})`] = cleanText(r.text);
    }
  }
  return { exact: `${ok}/${n}`, misses };
}

async function main() {
  const o = args();
  const evalJson = path.join(o.data, 'eval.json');
  if (!fs.existsSync(evalJson)) {
    throw new Error(`${evalJson} not found: generate the evaluation set with "bash tools/asr-model/train.sh --data-only"`);
  }
  const ev = JSON.parse(fs.readFileSync(evalJson, 'utf8')) as { items: Item[]; zh: string[]; en: string[] };
  let items = ev.items;
  if (o.limit > 0) items = items.filter((_, i) => i % Math.ceil(items.length / o.limit) === 0);
  const det = detectModel(o.model);
  const tokens = fs.readFileSync(path.join(o.model, 'tokens.txt'), 'utf8').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((t) => t.length > 0);
  const zhUnits = tokens.filter((t) => !t.startsWith('▁') && !t.startsWith('<')).sort((a, b) => b.length - a.length);
  const modelFile = (det.config as any)[det.kind]?.model ?? (det.config as any)[det.kind]?.encoder;
  const modelBytes = fs.statSync(modelFile).size;
  const rate = modelSampleRate(det.kind);
  const readWav = (f: string) => {
    const w = readWavRaw(f);
    return { ...w, samples: resample(w.samples, w.sampleRate, rate), sampleRate: rate };
  };
  const rec = await RecognizerWorker.create(recognizerConfig(det.config));
  const acc = { zh: { n: 0, ok: 0, err: 0, ref: 0 }, en: { n: 0, ok: 0, err: 0, ref: 0 } };
  const demo = { zh: { n: 0, ok: 0 }, en: { n: 0, ok: 0 } };
  const catalogue = loadClipCatalogue();
  // the demo callees' phrases, scored on the eval set's own demo-voice renderings
  const demoPhrases = new Set([...Object.values(catalogue.zh ?? {}), ...Object.values(catalogue.en ?? {})]);
  const must = { n: 0, ok: 0, misses: [] as string[] };
  const oov = { n: 0, hit: 0 };
  let decMs = 0;
  let audioSec = 0;
  const errors: string[] = [];
  for (const it of items) {
    const w = readWav(path.join(o.data, it.file));
    const r = await rec.decode(w.samples, w.sampleRate);
    decMs += r.ms;
    audioSec += w.samples.length / w.sampleRate + 0.9;
    if (it.kind === 'garbage') {
      oov.n++;
      const k = containsKeyword(r.text, ev.zh, ev.en);
      if (k) {
        oov.hit++;
        errors.push(`OOV ${it.file} [${it.voice}] "${it.text}" -> "${r.text}" (keyword ${k})`);
      }
      continue;
    }
    const a = acc[it.lang];
    a.n++;
    const ok = sameText(r.text, it);
    if (ok) a.ok++;
    else errors.push(`MISS ${it.file} [${it.voice}] "${it.text}" -> "${r.text}"`);
    if (it.demo) {
      demo[it.lang].n++;
      if (ok) demo[it.lang].ok++;
      if (demoPhrases.has(it.text)) {
        must.n++;
        if (ok) must.ok++;
        else must.misses.push(`${it.text} -> ${cleanText(r.text)}`);
      }
    }
    const ref = refTokens(it, zhUnits);
    const hyp = r.tokens.map((t) => (t.startsWith(' ') ? '▁' + t.slice(1) : t));
    a.err += editDistance(ref, hyp);
    a.ref += ref.length;
  }
  // RTF: the machine may be shared, so besides the wall-clock figure over all files
  // (rtfWallAllFiles) measure a fixed benchmark subset 3x and keep each file's fastest run.
  const bench = items.filter((_, i) => i % Math.max(1, Math.floor(items.length / 24)) === 0).slice(0, 24);
  let benchMs = 0;
  let benchSec = 0;
  for (const it of bench) {
    const w = readWav(path.join(o.data, it.file));
    let best = Infinity;
    for (let k = 0; k < 3; k++) best = Math.min(best, (await rec.decode(w.samples, w.sampleRate)).ms);
    benchMs += best;
    benchSec += w.samples.length / w.sampleRate + 0.9;
  }
  const calleeClips = await checkDemoCalleeClips(rec, readWav, catalogue);
  await rec.close();
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  const res = {
    exactZh: r4(acc.zh.ok / Math.max(1, acc.zh.n)),
    exactEn: r4(acc.en.ok / Math.max(1, acc.en.n)),
    terZh: r4(acc.zh.err / Math.max(1, acc.zh.ref)),
    terEn: r4(acc.en.err / Math.max(1, acc.en.ref)),
    oovFalseKeywordRate: r4(oov.hit / Math.max(1, oov.n)),
    rtf: r4(benchMs / 1000 / benchSec),
    modelBytes,
  };
  const details = {
    counts: { zh: acc.zh.n, en: acc.en.n, oov: oov.n },
    demoMustPhrases: { exact: r4(must.ok / Math.max(1, must.n)), n: must.n, misses: must.misses },
    demoVoicesExact: { zh: r4(demo.zh.ok / Math.max(1, demo.zh.n)), en: r4(demo.en.ok / Math.max(1, demo.en.n)), n: demo.zh.n + demo.en.n },
    audioSeconds: Math.round(audioSec),
    rtfWallAllFiles: r4(decMs / 1000 / audioSec),
    rtfHow: 'rtf = sum over 24 benchmark files of the fastest of 3 decodes / audio seconds (incl. 0.9 s flush), one WASM thread',
    ...(calleeClips ? { demoCalleeClips: calleeClips } : {}),
  };
  // OOV false keywords first, then misses; --all-errors prints every one
  const sorted = [...errors.filter((e) => e.startsWith('OOV')), ...errors.filter((e) => !e.startsWith('OOV'))];
  const shown = o.allErrors ? sorted.length : 60;
  for (const e of sorted.slice(0, shown)) console.log(e);
  if (sorted.length > shown) console.log(`... ${sorted.length - shown} more errors (--all-errors)`);
  console.log(JSON.stringify(details));
  if (o.update) {
    const mp = path.join(o.model, 'manifest.json');
    const m = fs.existsSync(mp) ? JSON.parse(fs.readFileSync(mp, 'utf8')) : {};
    m.metrics = { ...res, ...details, measuredAt: new Date().toISOString(), how: 'tools/asr-model/eval.ts via sherpa-onnx WASM OnlineRecognizer (toneCtc), numThreads 1' };
    fs.writeFileSync(`${mp}.tmp`, JSON.stringify(m, null, 1));
    fs.renameSync(`${mp}.tmp`, mp);
  }
  console.log(o.json ? JSON.stringify(res) : JSON.stringify(res, null, 2));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
