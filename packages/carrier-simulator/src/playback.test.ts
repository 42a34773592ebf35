import { describe, expect, it } from 'vitest';
import { FRAME_BYTES, PlaybackBuffer, PROMPT_START } from './playback.ts';

const frame = new Uint8Array(FRAME_BYTES);
const audio = (bytes: number, value = 1) => new Uint8Array(bytes).fill(value);
const play = (b: PlaybackBuffer) => {
  const r = b.playFrame(frame);
  return { played: r.played, events: r.events.map((e) => (e === PROMPT_START ? 'START' : e)) };
};

describe('PlaybackBuffer', () => {
  it('plays 160 bytes per frame and reaches a mark only after the audio queued before it', () => {
    const b = new PlaybackBuffer(10_000, 0xff);
    b.pushAudio(audio(400));
    b.pushMark('m1');
    expect(play(b)).toEqual({ played: 160, events: ['START'] });
    expect(play(b)).toEqual({ played: 160, events: [] });
    expect(play(b)).toEqual({ played: 80, events: ['m1'] });
    expect(frame[79]).toBe(1);
    expect(frame[80]).toBe(0xff); // rest of the frame is silence
    expect(play(b)).toEqual({ played: 0, events: [] });
  });

  it('opens a new prompt on the first audio after a mark, in the same frame if need be', () => {
    const b = new PlaybackBuffer(10_000, 0xff);
    b.pushAudio(audio(100));
    b.pushMark('a');
    b.pushAudio(audio(100, 2));
    b.pushMark('b');
    expect(play(b)).toEqual({ played: 160, events: ['START', 'a', 'START'] });
    expect(play(b)).toEqual({ played: 40, events: ['b'] });
    // Audio split over many small chunks is one prompt.
    b.pushAudio(audio(50));
    b.pushAudio(audio(50));
    b.pushAudio(audio(100));
    const r = play(b);
    expect(r).toEqual({ played: 160, events: ['START'] });
  });

  it('orders a mark and the next prompt start inside one frame', () => {
    const b = new PlaybackBuffer(10_000, 0xff);
    b.pushAudio(audio(160));
    play(b);
    b.pushAudio(audio(20));
    b.pushMark('a');
    b.pushAudio(audio(20));
    expect(play(b)).toEqual({ played: 40, events: ['a', 'START'] });
  });

  it('drops queued audio on clear and returns the dropped marks in order', () => {
    const b = new PlaybackBuffer(10_000, 0xff);
    b.pushAudio(audio(1000));
    b.pushMark('p1');
    b.pushAudio(audio(1000));
    b.pushMark('p2');
    play(b);
    expect(b.clear()).toEqual(['p1', 'p2']);
    expect(b.buffered).toBe(0);
    expect(play(b)).toEqual({ played: 0, events: [] });
    b.pushAudio(audio(10));
    expect(play(b).events).toEqual(['START']);
  });

  it('refuses audio beyond its bound instead of growing', () => {
    const b = new PlaybackBuffer(300, 0xff);
    expect(b.pushAudio(audio(200))).toBe(true);
    expect(b.pushAudio(audio(200))).toBe(false);
    expect(b.buffered).toBe(200);
  });

  it('echoes a mark sent with no audio before it at the next frame', () => {
    const b = new PlaybackBuffer(300, 0xff);
    b.pushMark('lonely');
    expect(play(b)).toEqual({ played: 0, events: ['lonely'] });
  });
});
