import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectModel, hasToneMetadata } from './model-dir.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'detect-model-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function mk(name: string, files: Record<string, string | Buffer>): string {
  const d = path.join(root, name);
  fs.mkdirSync(d, { recursive: true });
  for (const [f, c] of Object.entries(files)) fs.writeFileSync(path.join(d, f), c);
  return d;
}
const TONE_META = Buffer.from('\x08\x07 fake onnx ... sample_rate 8000 frame_length_ms 300 state_dim 123', 'latin1');

describe('detectModel', () => {
  it('detects a transducer and prefers int8 encoder/joiner with the fp32 decoder', () => {
    const d = mk('sherpa-onnx-streaming-zipformer-bilingual-zh-en-2023-02-20', {
      'encoder-epoch-99-avg-1.onnx': 'x', 'encoder-epoch-99-avg-1.int8.onnx': 'x',
      'decoder-epoch-99-avg-1.onnx': 'x', 'decoder-epoch-99-avg-1.int8.onnx': 'x',
      'joiner-epoch-99-avg-1.onnx': 'x', 'joiner-epoch-99-avg-1.int8.onnx': 'x', 'tokens.txt': '<blk> 0\n',
    });
    const m = detectModel(d);
    expect(m.kind).toBe('transducer');
    const t = m.config.transducer as any;
    expect(path.basename(t.encoder)).toBe('encoder-epoch-99-avg-1.int8.onnx');
    expect(path.basename(t.decoder)).toBe('decoder-epoch-99-avg-1.onnx');
    expect(path.basename(t.joiner)).toBe('joiner-epoch-99-avg-1.int8.onnx');
    expect(m.config.tokens).toBe(path.join(d, 'tokens.txt'));
    expect(path.basename((detectModel(d, { preferInt8: false }).config.transducer as any).encoder)).toBe('encoder-epoch-99-avg-1.onnx');
  });

  it('names exactly the missing transducer files', () => {
    const d = mk('my-zipformer-transducer', { 'encoder-epoch-99-avg-1.onnx': 'x', 'decoder-epoch-99-avg-1.onnx': 'x' });
    expect(() => detectModel(d)).toThrow(/transducer model is missing joiner\*\.onnx, tokens\.txt$/);
    const d2 = mk('t2', { 'joiner.onnx': 'x', 'tokens.txt': 'a 0' });
    expect(() => detectModel(d2)).toThrow(/transducer model is missing encoder\*\.onnx, decoder\*\.onnx$/);
  });

  it('detects a paraformer and names its missing files', () => {
    const ok = mk('sherpa-onnx-streaming-paraformer-bilingual-zh-en', { 'encoder.int8.onnx': 'x', 'decoder.int8.onnx': 'x', 'tokens.txt': 'a 0' });
    const m = detectModel(ok);
    expect(m.kind).toBe('paraformer');
    expect(path.basename((m.config.paraformer as any).encoder)).toBe('encoder.int8.onnx');
    const bad = mk('paraformer-broken', { 'encoder.onnx': 'x' });
    expect(() => detectModel(bad)).toThrow(/paraformer model is missing decoder\*\.onnx, tokens\.txt$/);
  });

  it('detects a zipformer2 CTC model (ctc-epoch-*.onnx, or model.onnx in a zipformer ctc dir)', () => {
    const a = mk('sherpa-onnx-streaming-zipformer-ctc-multi-zh-hans-2023-12-13', {
      'ctc-epoch-20-avg-1-chunk-16-left-128.onnx': 'x', 'ctc-epoch-20-avg-1-chunk-16-left-128.int8.onnx': 'x', 'tokens.txt': 'a 0',
    });
    const m = detectModel(a);
    expect(m.kind).toBe('zipformer2Ctc');
    expect(path.basename((m.config.zipformer2Ctc as any).model)).toBe('ctc-epoch-20-avg-1-chunk-16-left-128.int8.onnx');
    const b = mk('sherpa-onnx-streaming-zipformer-small-ctc-zh', { 'model.onnx': 'plain onnx', 'tokens.txt': 'a 0' });
    expect(detectModel(b).kind).toBe('zipformer2Ctc');
    const c = mk('zipformer-ctc-no-tokens', { 'ctc-epoch-1.onnx': 'x' });
    expect(() => detectModel(c)).toThrow(/zipformer2Ctc model is missing tokens\.txt$/);
  });

  it('detects a T-one CTC model by its metadata and names missing tokens.txt', () => {
    const d = mk('voicebot-like', { 'model.onnx': TONE_META, 'tokens.txt': '<blk> 0' });
    expect(hasToneMetadata(path.join(d, 'model.onnx'))).toBe(true);
    const m = detectModel(d);
    expect(m.kind).toBe('toneCtc');
    expect((m.config.toneCtc as any).model).toBe(path.join(d, 'model.onnx'));
    const e = mk('tone-no-tokens', { 'model.onnx': TONE_META });
    expect(() => detectModel(e)).toThrow(/toneCtc model is missing tokens\.txt$/);
  });

  it('rejects model.onnx without T-one metadata outside a zipformer/ctc directory', () => {
    const d = mk('mystery', { 'model.onnx': 'no metadata', 'tokens.txt': 'a 0' });
    expect(() => detectModel(d)).toThrow(/model\.onnx has no T-one metadata \(sample_rate, frame_length_ms, state_dim\)/);
  });

  it('names the missing model files for an empty directory and a missing directory', () => {
    const d = mk('empty', {});
    expect(() => detectModel(d)).toThrow(/no streaming model found; missing model file\(s\).*and tokens\.txt$/);
    const t = mk('tokens-only', { 'tokens.txt': 'a 0' });
    expect(() => detectModel(t)).toThrow(/missing model file\(s\)/);
    expect(() => detectModel(path.join(root, 'nope'))).toThrow(/does not exist/);
  });

  it('detects the committed embedded model as toneCtc', () => {
    const d = path.resolve(__dirname, '..', '..', 'wasm', 'models', 'voicebot-tel-zh-en');
    const m = detectModel(d);
    expect(m.kind).toBe('toneCtc');
  });
});
