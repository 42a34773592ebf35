// Chunked decoding (20 ms pieces) through sherpa-onnx must equal
// whole-utterance decoding, and the streaming ONNX model must agree with the
// whole-utterance (non-streaming) PyTorch model the recipe exported it from
// (testdata/expected.json, written by tools/asr-model/py/export.py).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecognizerWorker, readWav, recognizerConfig, DEFAULT_MODEL_DIR } from './asr-lib.ts';
import { detectModel } from './model-dir.ts';

const TD = path.join(__dirname, 'testdata');
const index = JSON.parse(fs.readFileSync(path.join(TD, 'index.json'), 'utf8')) as { file: string; text: string }[];
const expectedFile = path.join(TD, 'expected.json');
const expected: Record<string, string> = fs.existsSync(expectedFile) ? JSON.parse(fs.readFileSync(expectedFile, 'utf8')).text : {};
let rec: RecognizerWorker;

beforeAll(async () => {
  rec = await RecognizerWorker.create(recognizerConfig(detectModel(DEFAULT_MODEL_DIR).config));
}, 60_000);
afterAll(async () => {
  await rec?.close();
});

describe('streaming equivalence (sherpa-onnx WASM, toneCtc)', () => {
  for (const it_ of index) {
    it(`${it_.file}: 20 ms pieces == whole utterance`, async () => {
      const w = readWav(path.join(TD, it_.file));
      expect(w.sampleRate).toBe(8000);
      const whole = await rec.decode(w.samples, w.sampleRate);
      const chunked = await rec.decode(w.samples, w.sampleRate, { pieceMs: 20 });
      expect(chunked.tokens).toEqual(whole.tokens);
      expect(chunked.text).toBe(whole.text);
      const exp = expected[it_.file];
      if (exp !== undefined) expect(whole.text.trim()).toBe(exp.trim());
    }, 30_000);
  }

  it('resampled input (16 kHz) is accepted and decodes like the 8 kHz original', async () => {
    const w = readWav(path.join(TD, index[0]!.file));
    const up = new Float32Array(w.samples.length * 2);
    for (let i = 0; i < w.samples.length; i++) {
      const a = w.samples[i]!;
      const b = w.samples[i + 1] ?? a;
      up[2 * i] = a;
      up[2 * i + 1] = (a + b) / 2;
    }
    const r8 = await rec.decode(w.samples, 8000);
    const r16 = await rec.decode(up, 16000);
    expect(r16.text.length).toBeGreaterThan(0);
    expect(r16.text).toBe(r8.text);
  }, 30_000);
});
