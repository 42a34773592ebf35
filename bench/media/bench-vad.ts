import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@voicebot/common';
import { CallAnalyzer, WINDOW } from '../../services/media/src/asr/call-analyzer.ts';
import { defaultVadModel } from '../../services/media/src/asr/vad-model.ts';
import { SherpaVadEngine } from '../../services/media/src/asr/sherpa-engines.ts';
import { parseWav, toMonoFloat } from '../../services/media/src/audio/wav.ts';
import { resampleAll } from '../../services/media/src/dsp/resampler.ts';
import { arg } from './args.ts';

/**
 * `npm run bench:vad [-- --seconds S]`: cost of the VAD stage for one call on one thread —
 * sherpa-onnx Silero v5 (WASM) per 32 ms window, and how much the energy pre-gate saves on
 * call-like audio (line noise at about -66 dBFS with 25 % speech), plus whether it changes what
 * is detected. The native @ricky0123/vad-node backend is not compared: it needs
 * onnxruntime-node's binary download, which this machine cannot fetch. Last line: JSON.
 */
const seconds = arg('seconds', 120);
const clipDir = path.join(REPO_ROOT, 'assets/callee-audio/zh');
const clips = fs.readdirSync(clipDir).filter((f) => f.endsWith('.wav')).map((f) => resampleAll(toMonoFloat(parseWav(fs.readFileSync(path.join(clipDir, f)))), 8000, 16000));

// Call-like audio: a clip every ~8 s, noise in between.
const total = seconds * 16000;
const audio = new Float32Array(total);
let seed = 7;
for (let i = 0; i < total; i++) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  audio[i] = ((seed / 0x7fffffff) * 2 - 1) * 0.0008;
}
let speechSamples = 0;
for (let t = 16000, k = 0; t < total - 64000; t += 8 * 16000, k++) {
  const c = clips[k % clips.length]!;
  for (let i = 0; i < c.length && t + i < total; i++) audio[t + i]! += c[i]!;
  speechSamples += c.length;
}

function run(energyGate: number): { msPerAudioSecond: number; usPerWindow: number; inferredShare: number; utterances: number } {
  const settings = { model: defaultVadModel(), threshold: 0.5, minSpeechMs: 64, minSilenceMs: 400, energyGate };
  const vad = new SherpaVadEngine(settings);
  let utterances = 0;
  const analyzer = new CallAnalyzer(vad, undefined, { ...settings, partialIntervalMs: 160 }, (e) => (e.type === 'speech_start' ? utterances++ : undefined));
  const t0 = performance.now();
  for (let i = 0; i + WINDOW <= total; i += WINDOW) analyzer.process(audio.subarray(i, i + WINDOW));
  const ms = performance.now() - t0;
  return { msPerAudioSecond: +(ms / seconds).toFixed(3), usPerWindow: +((ms * 1000) / analyzer.inferred || 0).toFixed(1), inferredShare: +(analyzer.inferred / analyzer.windows).toFixed(3), utterances };
}

const ungated = run(0);
const gated = run(10 ** (-50 / 20));
const result = {
  seconds,
  speechShare: +(speechSamples / total).toFixed(2),
  sileroUsPerWindow: ungated.usPerWindow,
  ungatedCpuPctPerCall: +(ungated.msPerAudioSecond / 10).toFixed(2),
  gatedCpuPctPerCall: +(gated.msPerAudioSecond / 10).toFixed(2),
  gatedInferredShare: gated.inferredShare,
  utterancesUngated: ungated.utterances,
  utterancesGated: gated.utterances,
  callsPerCoreGated: Math.floor(1000 / gated.msPerAudioSecond),
};
console.log(JSON.stringify(result));
