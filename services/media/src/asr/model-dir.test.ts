import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromRoot } from '@voicebot/common';
import { describe, expect, it } from 'vitest';
import { detectModel, modelSampleRate, recognizerConfig } from './model-dir.ts';

describe('ASR model directory (shared detection from tools/asr-model)', () => {
  it('loads the shipped model as T-one CTC at 8 kHz with its manifest name', () => {
    const m = detectModel(fromRoot('wasm/models/voicebot-tel-zh-en'));
    expect(m.kind).toBe('toneCtc');
    expect(m.name).toBe('voicebot-tel-zh-en');
    expect(modelSampleRate(m)).toBe(8000);
    const cfg = recognizerConfig(m) as { modelConfig: { toneCtc: { model: string }; transducer: { encoder: string } } };
    expect(cfg.modelConfig.toneCtc.model).toMatch(/model\.onnx$/);
    expect(cfg.modelConfig.transducer.encoder).toBe('');
  });

  it('an official transducer layout is recognised and runs at 16 kHz', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sherpa-onnx-streaming-zipformer-'));
    for (const f of ['encoder-epoch-99.int8.onnx', 'decoder-epoch-99.onnx', 'joiner-epoch-99.int8.onnx', 'tokens.txt']) fs.writeFileSync(path.join(dir, f), '');
    const m = detectModel(dir);
    expect(m.kind).toBe('transducer');
    expect(modelSampleRate(m)).toBe(16000);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names the directory when nothing loadable is there', () => {
    expect(() => detectModel('/nonexistent/model')).toThrow(/\/nonexistent\/model/);
  });
});
