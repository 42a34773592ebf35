import { describe, expect, it } from 'vitest';
import { JitterBuffer, type JitterOutput } from './jitter-buffer.ts';

const p = (n: number) => Uint8Array.of(n & 0xff);

/** Run packets [seq, arrivalMs] through a buffer; pull every 20 ms; return the played sequence ('x' = concealed). */
function run(packets: Array<[number, number]>, until: number, ssrcOf: (seq: number) => number = () => 1): { played: string[]; jb: JitterBuffer } {
  const jb = new JitterBuffer(8000);
  const played: string[] = [];
  const sorted = [...packets].sort((a, b) => a[1] - b[1]);
  let i = 0;
  const out: JitterOutput[] = [];
  for (let t = 0; t <= until; t += 20) {
    while (i < sorted.length && sorted[i]![1] <= t) {
      const [seq, at] = sorted[i++]!;
      jb.push(seq, seq * 160, p(seq), at, ssrcOf(seq));
    }
    for (const o of jb.pull(t, out)) played.push(o.kind === 'audio' ? String(o.payload[0]) : 'x');
  }
  // After the last packet the buffer conceals for up to maxMs before it decides the peer paused.
  while (played.at(-1) === 'x') played.pop();
  return { played, jb };
}

describe('JitterBuffer', () => {
  it('plays an in-order stream in order after the minimum delay', () => {
    const { played, jb } = run(Array.from({ length: 10 }, (_, k) => [k, k * 20] as [number, number]), 300);
    expect(played).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(jb.stats).toMatchObject({ played: 10, late: 0, duplicate: 0 });
  });

  it('reorders packets that arrive out of order within the delay', () => {
    const { played } = run([[0, 0], [2, 20], [1, 25], [3, 60], [5, 80], [4, 85], [6, 120]], 400);
    expect(played).toEqual(['0', '1', '2', '3', '4', '5', '6']);
  });

  it('conceals a lost packet and drops duplicates and late packets', () => {
    const { played, jb } = run([[0, 0], [1, 20], [1, 21], [3, 60], [4, 80], [2, 300], [5, 100]], 400);
    expect(played).toEqual(['0', '1', 'x', '3', '4', '5']);
    expect(jb.stats).toMatchObject({ played: 5, duplicate: 1, late: 1 });
  });

  it('follows the sequence number across the 16-bit wrap', () => {
    const seqs = [65533, 65534, 65535, 0, 1, 2];
    const { played } = run(seqs.map((s, k) => [s, k * 20] as [number, number]), 300);
    expect(played).toEqual(['253', '254', '255', '0', '1', '2']);
  });

  it('restarts on an SSRC change', () => {
    const packets: Array<[number, number]> = [[0, 0], [1, 20], [2, 40], [5000, 60], [5001, 80]];
    const { played, jb } = run(packets, 300, (seq) => (seq < 100 ? 1 : 2));
    // Packets of the old source still waiting are dropped with it.
    expect(played.filter((x) => x !== 'x')).toEqual(['0', String(5000 & 0xff), String(5001 & 0xff)]);
    expect(jb.stats.resets).toBe(1);
  });

  it('deepens with jitter, up to the maximum', () => {
    const jittery: Array<[number, number]> = Array.from({ length: 200 }, (_, k) => [k, k * 20 + (k % 2 ? 60 : 0)]);
    const { jb } = run(jittery, 5000);
    expect(jb.depthMs).toBeGreaterThan(60);
    expect(jb.depthMs).toBeLessThanOrEqual(200);
  });

  it('stops emitting while the peer is silent and re-anchors after', () => {
    const packets: Array<[number, number]> = [[0, 0], [1, 20], [2, 1000], [3, 1020]];
    const { played } = run(packets, 1400);
    // Concealment stops once the gap exceeds maxMs (200 ms ≈ 10 frames plus the delay).
    expect(played.filter((x) => x === 'x').length).toBeLessThanOrEqual(16);
    expect(played.filter((x) => x !== 'x')).toEqual(['0', '1', '2', '3']);
  });
});
