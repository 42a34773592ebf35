import { describe, expect, it } from 'vitest';
import { mulawDecodeInto, mulawEncodeInto } from './audio/mulaw.ts';
import type { Clip } from './clips.ts';
import { FRAME_BYTES } from './playback.ts';
import { makeComfortNoise, UpstreamMixer } from './upstream.ts';

const rms = (ulaw: Uint8Array) => {
  const pcm = new Int16Array(ulaw.length);
  mulawDecodeInto(ulaw, pcm);
  return Math.sqrt(pcm.reduce((a, s) => a + s * s, 0) / pcm.length);
};

function clip(samples: number, speechStart: number, speechEnd: number): Clip {
  const s = new Int16Array(samples);
  for (let i = speechStart; i < speechEnd; i++) s[i] = i % 2 ? 8000 : -8000;
  return { lang: 'zh', slug: 't', text: 't', samples: s, speechStart, speechEnd };
}

const silence = new Uint8Array(FRAME_BYTES).fill(0xff);

describe('UpstreamMixer', () => {
  it('sends quiet comfort noise, never digital zero, while the callee is silent', () => {
    const m = new UpstreamMixer(makeComfortNoise(-60), 0, undefined);
    const out = new Uint8Array(FRAME_BYTES);
    m.frame(silence, out);
    const level = rms(out);
    expect(level).toBeGreaterThan(5);
    expect(level).toBeLessThan(100);
  });

  it('flags the frames holding the first and last speech sample and the end of the clip', () => {
    const m = new UpstreamMixer(makeComfortNoise(-Infinity), 0, undefined);
    m.say(clip(1200 + 800 + 1200, 1200, 2000));
    const out = new Uint8Array(FRAME_BYTES);
    const flags: string[] = [];
    for (let i = 0; i < 21; i++) {
      const r = m.frame(silence, out);
      flags.push(`${r.onset ? 'O' : ''}${r.speechEnd ? 'E' : ''}${r.clipDone ? 'D' : ''}${rms(out) > 1000 ? '#' : '.'}`);
    }
    // 1200 samples of padding = 7.5 frames: speech starts in frame 7 and ends in frame 12.
    expect(flags.join(' ')).toBe('. . . . . . . O# # # # # E# . . . . . . D. .');
    expect(m.speaking).toBe(false);
  });

  it('mixes an attenuated, delayed copy of the earpiece audio when echo is on', () => {
    const m = new UpstreamMixer(makeComfortNoise(-Infinity), 0, { gain: 0.1, delayMs: 40 });
    const loud = new Int16Array(FRAME_BYTES).fill(10000);
    const robot = new Uint8Array(FRAME_BYTES);
    mulawEncodeInto(loud, robot);
    const out = new Uint8Array(FRAME_BYTES);
    const levels: number[] = [];
    m.frame(robot, out);
    levels.push(rms(out));
    m.frame(silence, out);
    levels.push(rms(out));
    m.frame(silence, out);
    levels.push(rms(out));
    m.frame(silence, out);
    levels.push(rms(out));
    expect(levels[0]).toBeLessThan(10);
    expect(levels[1]).toBeLessThan(10);
    expect(levels[2]).toBeGreaterThan(900); // two frames (40 ms) later, ~ −20 dB
    expect(levels[2]).toBeLessThan(1100);
    expect(levels[3]).toBeLessThan(10);
  });
});
