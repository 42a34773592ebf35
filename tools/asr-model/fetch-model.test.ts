import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchModel, modelUrl, OFFICIAL_MODELS, DEFAULT_BASE_URL } from './fetch-model.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fetch-model-'));
const NAME = 'sherpa-onnx-streaming-zipformer-test-2024-01-01';
const TONE = 'sherpa-onnx-streaming-t-one-test';
let server: http.Server;
let base = '';
const hits: string[] = [];

beforeAll(async () => {
  // a fake official transducer tarball and a toneCtc tarball with the real embedded model
  const src = path.join(root, 'src');
  fs.mkdirSync(path.join(src, NAME), { recursive: true });
  for (const f of ['encoder-epoch-99-avg-1.int8.onnx', 'decoder-epoch-99-avg-1.onnx', 'joiner-epoch-99-avg-1.int8.onnx', 'tokens.txt']) {
    fs.writeFileSync(path.join(src, NAME, f), 'fake ' + f);
  }
  fs.mkdirSync(path.join(src, TONE), { recursive: true });
  const emb = path.resolve(__dirname, '..', '..', 'wasm', 'models', 'voicebot-tel-zh-en');
  for (const f of ['model.onnx', 'tokens.txt']) fs.copyFileSync(path.join(emb, f), path.join(src, TONE, f));
  execFileSync('tar', ['-cjf', path.join(root, NAME + '.tar.bz2'), '-C', src, NAME]);
  execFileSync('tar', ['-cjf', path.join(root, TONE + '.tar.bz2'), '-C', src, TONE]);
  server = http.createServer((req, res) => {
    hits.push(req.url || '');
    const m = /^\/releases\/([^/]+\.tar\.bz2)$/.exec(req.url || '');
    const f = m && path.join(root, m[1] ?? '');
    if (!f || !fs.existsSync(f)) {
      res.writeHead(404).end('not found');
      return;
    }
    const b = fs.readFileSync(f);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': b.length });
    res.end(b);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(root, { recursive: true, force: true });
});

describe('fetch-model', () => {
  it('has official release URLs for every table entry', () => {
    expect(Object.keys(OFFICIAL_MODELS).length).toBeGreaterThan(3);
    for (const n of Object.keys(OFFICIAL_MODELS)) {
      expect(modelUrl(n)).toBe(`${DEFAULT_BASE_URL}/${n}.tar.bz2`);
      expect(modelUrl(n)).toMatch(/^https:\/\/github\.com\/k2-fsa\/sherpa-onnx\/releases\/download\/asr-models\/.+\.tar\.bz2$/);
    }
  });

  it('downloads, unpacks and detects a transducer tarball', async () => {
    const dest = path.join(root, 'dest');
    const { dir, model } = await fetchModel(NAME, { dest, baseUrl: base, log: () => {} });
    expect(dir).toBe(path.join(dest, NAME));
    expect(model.kind).toBe('transducer');
    expect((model.config.transducer as any).joiner).toBe(path.join(dir, 'joiner-epoch-99-avg-1.int8.onnx'));
    expect(hits).toContain(`/releases/${NAME}.tar.bz2`);
    expect(fs.readdirSync(dest).filter((f) => f.endsWith('.part'))).toEqual([]);
    // second call does not download again
    const n = hits.length;
    await fetchModel(NAME, { dest, baseUrl: base, log: () => {} });
    expect(hits.length).toBe(n);
  });

  it('downloads a toneCtc model', async () => {
    const { model } = await fetchModel(TONE, { dest: path.join(root, 'dest2'), baseUrl: base, log: () => {} });
    expect(model.kind).toBe('toneCtc');
  });

  it('reports HTTP errors', async () => {
    await expect(fetchModel('sherpa-onnx-missing', { dest: path.join(root, 'dest3'), baseUrl: base, log: () => {} })).rejects.toThrow(/HTTP 404/);
  });
});
