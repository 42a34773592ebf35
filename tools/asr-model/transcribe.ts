// Transcribe WAV files with a sherpa-onnx streaming model (default: the
// embedded wasm/models/voicebot-tel-zh-en; any official streaming model dir
// works too, see model-dir.ts).
//
//   npm run asr -- <file.wav ...> [--model DIR] [--json]
//
// Accepts 16-bit PCM (or 32-bit float) WAV at any sample rate, mono or
// multi-channel (downmixed here), resampled here to the model rate (8 kHz for
// toneCtc, 16 kHz for the official models).
// --json prints one line per file: {"file":...,"text":...,"ms":...}
// (text = recognizer output with <unk> garbage markers removed; ms = decode time)
import * as path from 'node:path';
import { DEFAULT_MODEL_DIR, RecognizerWorker, readWav, recognizerConfig, cleanText, resample, modelSampleRate } from './asr-lib.ts';
import { detectModel } from './model-dir.ts';

async function main() {
  const argv = process.argv.slice(2);
  let model = DEFAULT_MODEL_DIR;
  let json = false;
  let raw = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--model') model = argv[++i] ?? model;
    else if (arg === '--json') json = true;
    else if (arg === '--raw') raw = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm run asr -- <file.wav ...> [--model DIR] [--json] [--raw]');
      return;
    } else files.push(arg);
  }
  if (files.length === 0) throw new Error('usage: npm run asr -- <file.wav ...> [--model DIR] [--json] [--raw]');
  const det = detectModel(model);
  const rec = await RecognizerWorker.create(recognizerConfig(det.config));
  let failed = 0;
  try {
    for (const f of files) {
      try {
        const w = readWav(f);
        const sr = modelSampleRate(det.kind);
        const r = await rec.decode(resample(w.samples, w.sampleRate, sr), sr);
        const text = raw ? r.text : cleanText(r.text);
        if (json) console.log(JSON.stringify({ file: f, text, ms: Math.round(r.ms * 10) / 10 }));
        else console.log(`${f}: ${text}`);
      } catch (e) {
        failed++;
        const msg = e instanceof Error ? e.message : String(e);
        if (json) console.log(JSON.stringify({ file: f, error: msg }));
        else console.error(`${f}: ERROR ${msg}`);
      }
    }
  } finally {
    await rec.close();
  }
  if (failed) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
