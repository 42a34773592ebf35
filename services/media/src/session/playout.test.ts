import { describe, expect, it } from 'vitest';
import { type PlayItem, Playout } from './playout.ts';

function item(playId: string, frames: number): PlayItem {
  return { playId, promptId: `p-${playId}`, frames: Array.from({ length: frames }, (_, i) => Uint8Array.of(i)), levels: new Float32Array(frames).fill(0.3), frameMs: 20 };
}

function harness(peerBuffered: boolean, leadMs = 200) {
  const log: string[] = [];
  let congested = false;
  const playout = new Playout(
    {
      sendFrame: (f) => {
        if (congested) return false;
        log.push(`f${f[0]}`);
        return true;
      },
      sendMark: (id) => log.push(`mark:${id}`),
      started: (it, now) => log.push(`started:${it.playId}@${now}`),
      finished: (it) => log.push(`finished:${it.playId}`),
    },
    peerBuffered,
    leadMs,
  );
  return { playout, log, congest: (v: boolean) => (congested = v) };
}

describe('Playout, peer-buffered (Twilio)', () => {
  it('sends up to the lead ahead, then one frame per 20 ms, then the mark', () => {
    const { playout, log } = harness(true, 100);
    playout.enqueue(item('a', 10));
    playout.pump(1000);
    expect(log).toEqual(['f0', 'started:a@1000', 'f1', 'f2', 'f3', 'f4', 'f5']);
    log.length = 0;
    playout.pump(1020);
    expect(log).toEqual(['f6']);
    playout.pump(1100);
    expect(log).toEqual(['f6', 'f7', 'f8', 'f9', 'mark:a']);
    expect(playout.playing(1150)).toBe(true);
    expect(playout.playing(1200)).toBe(false);
    expect(playout.busy(1250)).toBe(true); // mark not back yet
    expect(playout.onPeerMark('a')).toBe(true);
    expect(log.at(-1)).toBe('finished:a');
    expect(playout.busy(1250)).toBe(false);
  });

  it('clear reports heard ms from the clock and swallows the dropped marks the peer echoes', () => {
    const { playout, log } = harness(true, 1000);
    playout.enqueue(item('a', 10)); // 200 ms, fully sent at once with a 1 s lead
    playout.enqueue(item('b', 10));
    playout.pump(0);
    expect(log.filter((l) => l.startsWith('mark'))).toEqual(['mark:a', 'mark:b']);
    const cut = playout.clear(130)!;
    expect(cut).toMatchObject({ heardMs: 130, promptMs: 200 });
    expect(cut.item.playId).toBe('a');
    expect(cut.dropped.map((d) => d.playId)).toEqual(['b']);
    expect(playout.onPeerMark('a')).toBe(true);
    expect(playout.onPeerMark('b')).toBe(true);
    expect(log.some((l) => l.startsWith('finished'))).toBe(false);
    expect(playout.onPeerMark('zzz')).toBe(false);
    expect(playout.playing(131)).toBe(false);
  });

  it('a prompt queued behind another starts where the first ends', () => {
    const { playout } = harness(true, 1000);
    playout.enqueue(item('a', 5));
    playout.pump(0);
    playout.enqueue(item('b', 5));
    playout.pump(50);
    const cut = playout.clear(150)!;
    expect(cut.item.playId).toBe('b');
    expect(cut.heardMs).toBe(50); // b started at 100
  });

  it('stops sending while the transport is congested and resumes after', () => {
    const { playout, log, congest } = harness(true, 100);
    playout.enqueue(item('a', 10));
    congest(true);
    playout.pump(0);
    expect(log).toEqual([]);
    congest(false);
    playout.pump(40);
    expect(log[0]).toBe('f0');
  });
});

describe('Playout, self-paced (RTP, AudioSocket)', () => {
  it('sends each frame when due and finishes by the clock', () => {
    const { playout, log } = harness(false);
    playout.enqueue(item('a', 3));
    playout.pump(0);
    expect(log).toEqual(['f0', 'started:a@0']);
    playout.pump(20);
    playout.pump(45);
    expect(log.filter((l) => l.startsWith('f'))).toEqual(['f0', 'f1', 'f2']);
    expect(log).not.toContain('finished:a');
    playout.pump(60);
    expect(log.at(-1)).toBe('finished:a');
    expect(log.some((l) => l.startsWith('mark'))).toBe(false);
  });

  it('level follows the frame being played', () => {
    const { playout } = harness(false);
    const it1 = item('a', 3);
    it1.levels.set([0.1, 0.2, 0.3]);
    playout.enqueue(it1);
    playout.pump(0);
    playout.pump(20);
    expect(playout.levelAt(5)).toBeCloseTo(0.1);
    expect(playout.levelAt(25)).toBeCloseTo(0.2);
    expect(playout.levelAt(45)).toBe(0); // not sent yet
  });
});
