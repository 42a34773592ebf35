import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelDirError, detectModel } from './model-dir.ts';

const dirs: string[] = [];
function modelDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-model-'));
  dirs.push(dir);
  for (const [f, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), content);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('detectModel', () => {
  it.each([
    [{ 'encoder-epoch-99.onnx': '', 'encoder-epoch-99.int8.onnx': '', 'decoder-epoch-99.onnx': '', 'joiner-epoch-99.int8.onnx': '', 'tokens.txt': '' }, 'transducer'],
    [{ 'encoder.int8.onnx': '', 'decoder.int8.onnx': '', 'tokens.txt': '' }, 'paraformer'],
    [{ 'ctc-epoch-20-avg-1-chunk-16-left-128.onnx': '', 'tokens.txt': '' }, 'zipformer2Ctc'],
    [{ 'model.onnx': '', 'tokens.txt': '' }, 'toneCtc'],
  ])('recognises an official layout %#', (files, kind) => {
    const m = detectModel(modelDir(files));
    expect(m.kind).toBe(kind);
    if (kind === 'transducer') expect((m.modelConfig.transducer as { encoder: string }).encoder).toMatch(/int8/);
  });

  it('prefers manifest.json and resolves its paths', () => {
    const dir = modelDir({
      'model.onnx': '',
      'tokens.txt': '',
      'manifest.json': JSON.stringify({ name: 'voicebot-tel-zh-en', sherpaConfig: { modelConfig: { toneCtc: { model: 'model.onnx' }, tokens: 'tokens.txt', numThreads: 1 } } }),
    });
    const m = detectModel(dir);
    expect(m).toMatchObject({ kind: 'toneCtc', name: 'voicebot-tel-zh-en' });
    expect(m.modelConfig.toneCtc).toEqual({ model: path.join(dir, 'model.onnx') });
  });

  it('names the directory and the problem when nothing fits', () => {
    expect(() => detectModel('/nonexistent/model')).toThrow(/\/nonexistent\/model: does not exist/);
    expect(() => detectModel(modelDir({ 'model.onnx': '' }))).toThrow(ModelDirError);
    expect(() => detectModel(modelDir({ 'tokens.txt': '', 'readme.md': '' }))).toThrow(/no recognisable model files/);
    expect(() => detectModel(modelDir({ 'manifest.json': '{"sherpaConfig":{"modelConfig":{"toneCtc":{"model":"missing.onnx"},"tokens":"tokens.txt"}}}' }))).toThrow(/missing.onnx/);
  });
});
