import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeWav, parseWav } from './wav.ts';

describe('wav', () => {
  it('round-trips 16-bit PCM', () => {
    const s = Int16Array.from([0, 1, -1, 32767, -32768]);
    const w = parseWav(encodeWav(s, 8000));
    expect(w.sampleRate).toBe(8000);
    expect([...w.samples]).toEqual([...s]);
  });
  it('reads the espeak-made fixture', () => {
    const w = parseWav(fs.readFileSync(new URL('../../test/fixtures/speech-zh-8k.wav', import.meta.url)));
    expect(w.sampleRate).toBe(8000);
    expect(w.samples.length).toBeGreaterThan(8000);
  });
  it('names the problem', () => {
    expect(() => parseWav(new Uint8Array(10), 'x.wav')).toThrow('x.wav: not a RIFF/WAVE file');
    const bad = encodeWav(new Int16Array(4), 8000);
    bad[34] = 8;
    expect(() => parseWav(bad, 'y.wav')).toThrow(/only 16-bit PCM/);
  });
});
