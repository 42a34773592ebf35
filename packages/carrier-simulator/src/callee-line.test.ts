import { describe, expect, it } from 'vitest';
import { mulawDecodeInto } from './audio/mulaw.ts';
import { CalleeLine } from './callee-line.ts';
import { loadClips } from './index.ts';
import { CallMeter, newCallRecord } from './measurements.ts';
import type { ResolvedPersona, Turn } from './personas.ts';
import { makeComfortNoise } from './upstream.ts';

/**
 * The Twilio carrier protocol core on a fake clock, against a scripted robot that reacts to the
 * callee's audio level frame by frame: exact, timing-free checks of what the simulator measures.
 */
const clips = loadClips();
const keyi = clips.get('zh', 'keyi')!;
const buXuyao = clips.get('zh', 'bu-xuyao')!;

function line(turns: Turn[], extra: Partial<ResolvedPersona> = {}) {
  const record = newCallRecord('CA0123', '+86138', 'p');
  const persona: ResolvedPersona = { number: '+86138', name: 'n', persona: 'p', carrier: { outcome: 'answer', ringMs: 0 }, turns, language: 'zh', seed: 1, gapMs: [500, 500], ...extra };
  const l = new CalleeLine({ accountSid: 'AC1', callSid: 'CA0123', customParameters: { callId: 'c' }, persona, clips, noise: makeComfortNoise(-60), echo: undefined, meter: new CallMeter(record, 0), answeredAt: 0 });
  return { l, record };
}

const promptMsgs = (name: string, frames: number) => [
  JSON.stringify({ event: 'media', media: { payload: Buffer.alloc(frames * 160, 0x20).toString('base64') } }),
  JSON.stringify({ event: 'mark', mark: { name } }),
];

function loud(media: { payload: string }): boolean {
  const pcm = new Int16Array(160);
  mulawDecodeInto(Buffer.from(media.payload, 'base64'), pcm);
  return Math.sqrt(pcm.reduce((a, s) => a + s * s, 0) / 160) > 300;
}

describe('CalleeLine', () => {
  it('opens with connected and start, then one media frame per tick with stream-time timestamps', () => {
    const { l } = line([]);
    const [connected, start] = l.open() as Record<string, any>[];
    expect(connected).toEqual({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    expect(start).toMatchObject({ event: 'start', sequenceNumber: '1', streamSid: 'MZ0123', start: { callSid: 'CA0123', customParameters: { callId: 'c' } } });
    const media = [20, 40, 60].map((t) => l.frame(t, true).out[0] as Record<string, any>);
    expect(media.map((m) => [m.sequenceNumber, m.media.chunk, m.media.timestamp])).toEqual([['2', '1', '0'], ['3', '2', '20'], ['4', '3', '40']]);
    expect(l.frame(80, false).out).toEqual([]); // backed-up socket: frame dropped, stream time still advances
    expect((l.frame(100, true).out[0] as any).media).toMatchObject({ chunk: '4', timestamp: '80' });
  });

  it('measures barge-in exactly: speech onset frame → clear, and the response after it', () => {
    const { l, record } = line([{ interrupt: 'bu-xuyao', at: 1000 }]);
    l.open();
    for (const m of promptMsgs('intro', 400)) l.receive(m, 0);
    let t = 0;
    let onsetAt = -1;
    let cleared = -1;
    let speechEndAt = -1;
    let quiet = 0;
    const echoes: string[] = [];
    for (let i = 0; i < 300; i++) {
      t += 20;
      const { out } = l.frame(t, true);
      for (const m of out as Record<string, any>[]) {
        if (m.event === 'mark') echoes.push(m.mark.name);
        if (m.event !== 'media') continue;
        const isLoud = loud(m.media);
        if (isLoud && onsetAt < 0) onsetAt = t;
        // The robot reacts 5 frames after hearing speech: clear, echoes come back at once.
        if (onsetAt > 0 && cleared < 0 && t === onsetAt + 100) {
          cleared = t;
          echoes.push(...l.receive(JSON.stringify({ event: 'clear' }), t).map((e: any) => e.mark.name));
        }
        if (onsetAt > 0 && speechEndAt < 0) {
          quiet = isLoud ? 0 : quiet + 1;
          if (quiet === 10) {
            speechEndAt = t;
            for (const msg of promptMsgs('retain', 10)) l.receive(msg, t + 300);
          }
        }
      }
    }
    // The prompt starts playing on the first tick (20 ms), so the clip starts 1000 ms later, at 1020;
    // its speech starts after the padding, in the frame that holds sample speechStart.
    expect(record.said).toMatchObject([{ clip: 'bu-xuyao', kind: 'interrupt', atMs: 1020 }]);
    expect(onsetAt).toBe(1020 + Math.floor(buXuyao.speechStart / 160) * 20);
    expect(record.bargeInLatenciesMs).toEqual([100]);
    expect(echoes).toEqual(['intro', 'retain']);
    expect(record.marksDropped).toBe(1);
    const speechEndFrameAt = 1020 + Math.floor((buXuyao.speechEnd - 1) / 160) * 20;
    expect(record.responseLatenciesMs).toEqual([speechEndAt + 300 - speechEndFrameAt]);
  });

  it('replies after the mark is reached plus the gap, and hangs up with stop on its last turn', () => {
    const { l, record } = line([{ say: 'keyi' }, { hangup: true }]);
    l.open();
    for (const m of promptMsgs('p1', 50)) l.receive(m, 0); // 1 s prompt
    const events: string[] = [];
    let hangup: string | undefined;
    for (let t = 20; t <= 6000 && !hangup; t += 20) {
      if (t === 3000) for (const m of promptMsgs('p2', 25)) l.receive(m, t);
      const r = l.frame(t, true);
      hangup = r.hangup;
      for (const m of r.out as Record<string, any>[]) if (m.event !== 'media') events.push(`${t}:${m.event}${m.mark ? `:${m.mark.name}` : ''}`);
    }
    // p1's 50 frames are played in ticks 20…1000 ms; the mark is reached on that tick.
    expect(events[0]).toBe('1000:mark:p1');
    expect(record.said).toMatchObject([{ clip: 'keyi', kind: 'reply', atMs: 1500 }]);
    // p2 arrives before the 3000 ms tick, so its 25 frames play in ticks 3000…3480; hang-up 500 ms later.
    expect(events.slice(1)).toEqual(['3480:mark:p2', '3980:stop']);
    expect(hangup).toBe('callee_hangup');
    expect(record.promptsHeard).toBe(2);
    expect(keyi.speechStart).toBeGreaterThan(0);
  });

  it('records protocol errors from the robot without throwing', () => {
    const { l, record } = line([]);
    expect(l.receive('not json', 0)).toEqual([]);
    expect(l.receive('{"event":"dance"}', 0)).toEqual([]);
    expect(l.receive('{"event":"media","media":{}}', 0)).toEqual([]);
    expect(l.receive('{"event":"mark","mark":{}}', 0)).toEqual([]);
    expect(record.errors).toEqual(['message is not JSON', 'unknown event "dance"', 'media without a base64 payload', 'mark without a name']);
  });
});
