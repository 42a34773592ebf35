import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '@voicebot/common';
import { mulawDecodeInto, mulawEncodeInto, MULAW_SILENCE } from './mulaw.ts';
import { speechBounds } from './speech-bounds.ts';
import { decodeWav, encodeWav } from './wav.ts';

describe('wav', () => {
  it('round-trips samples and rejects what is not mono 16-bit PCM', () => {
    const samples = new Int16Array([0, 1, -1, 32767, -32768]);
    const bytes = encodeWav({ sampleRate: 8000, samples });
    expect(decodeWav(bytes)).toEqual({ sampleRate: 8000, samples });
    const stereo = Buffer.from(bytes);
    stereo.writeUInt16LE(2, 22);
    expect(() => decodeWav(stereo, 'x.wav')).toThrow(/x.wav: expected mono 16-bit PCM, got format 1, 2 channel/);
    expect(() => decodeWav(Buffer.from('hello world!'), 'y.wav')).toThrow(/y.wav: not a RIFF/);
    expect(() => decodeWav(bytes.subarray(0, 36), 'z.wav')).toThrow(/z.wav: no data chunk/);
  });

  it('reads a committed callee clip as 8 kHz', () => {
    const clip = decodeWav(fs.readFileSync(fromRoot('assets/callee-audio/zh/keyi.wav')));
    expect(clip.sampleRate).toBe(8000);
    expect(speechBounds(clip.samples).start).toBeGreaterThanOrEqual(1200 - 80);
  });
});

describe('µ-law', () => {
  it('decodes what it encodes to within the G.711 step size', () => {
    const pcm = new Int16Array([0, 100, -100, 1000, -1000, 8000, -8000, 32000, -32000]);
    const ulaw = new Uint8Array(pcm.length);
    mulawEncodeInto(pcm, ulaw);
    const back = new Int16Array(pcm.length);
    mulawDecodeInto(ulaw, back);
    pcm.forEach((s, i) => expect(Math.abs(back[i]! - s)).toBeLessThanOrEqual(Math.max(8, Math.abs(s) / 16)));
    expect(MULAW_SILENCE).toBe(0xff);
  });
});

describe('speech bounds', () => {
  it('finds the first and last audible sample and treats all-quiet as empty', () => {
    expect(speechBounds(new Int16Array([0, 3, 0, 9000, 200, -9000, 2, 0]))).toEqual({ start: 3, end: 6 });
    expect(speechBounds(new Int16Array(50))).toEqual({ start: 0, end: 0 });
  });
});
