import { describe, expect, it } from 'vitest';
import { CalleeBrain, hashString, seededRandom, type BrainAction } from './callee-brain.ts';
import type { Turn } from './personas.ts';

/** Drive a brain on a fake timeline and collect what it does. */
function harness(turns: Turn[], extra: { hangupAfterMs?: number; gapMs?: [number, number] } = {}) {
  const brain = new CalleeBrain({ turns, gapMs: extra.gapMs ?? [500, 500], hangupAfterMs: extra.hangupAfterMs, random: () => 0.5 }, 0);
  const actions: (BrainAction & { at: number })[] = [];
  let now = 0;
  const runTo = (t: number) => {
    for (;;) {
      const d = brain.nextDeadline();
      if (d === undefined || d > t) break;
      now = Math.max(now, d);
      const a = brain.poll(now);
      if (a) actions.push({ ...a, at: now });
    }
    now = t;
  };
  return { brain, actions, runTo, at: (t: number) => (runTo(t), t) };
}

describe('CalleeBrain', () => {
  it('replies after each prompt ends, one turn per prompt, after the gap', () => {
    const h = harness([{ say: 'keyi' }, { say: 'you-xuyao' }]);
    h.brain.promptStarted(h.at(0));
    h.brain.promptEnded(h.at(3000));
    h.runTo(3499);
    expect(h.actions).toEqual([]);
    h.runTo(3500);
    expect(h.actions).toEqual([{ type: 'say', clip: 'keyi', kind: 'reply', at: 3500 }]);
    h.brain.speechFinished(h.at(4300));
    h.brain.promptStarted(h.at(4800));
    h.brain.promptEnded(h.at(6000));
    h.runTo(7000);
    expect(h.actions.map((a) => a.type === 'say' && a.clip)).toEqual(['keyi', 'you-xuyao']);
    expect(h.brain.turn).toBe(1);
    h.brain.speechFinished(h.at(7200));
    expect(h.brain.turn).toBe(2);
  });

  it('waits while the robot chains a second prompt (knowledge-base answer, then the question again)', () => {
    const h = harness([{ say: 'keyi' }]);
    h.brain.promptStarted(h.at(0));
    h.brain.promptEnded(h.at(2000));
    h.brain.promptStarted(h.at(2200)); // before the 500 ms gap is over
    h.runTo(3000);
    expect(h.actions).toEqual([]);
    h.brain.promptEnded(h.at(4000));
    h.runTo(4500);
    expect(h.actions).toMatchObject([{ clip: 'keyi', at: 4500 }]);
  });

  it('barges in `at` ms into the prompt and takes the turn', () => {
    const h = harness([{ interrupt: 'bu-xuyao', at: 1500 }, { say: 'bu-xuyao' }]);
    h.brain.promptStarted(h.at(1000));
    h.runTo(2499);
    expect(h.actions).toEqual([]);
    h.runTo(2500);
    expect(h.actions).toEqual([{ type: 'say', clip: 'bu-xuyao', kind: 'interrupt', at: 2500 }]);
    h.brain.cleared(h.at(2900));
    h.brain.speechFinished(h.at(3300));
    expect(h.brain.turn).toBe(1);
    // The next prompt gets the next turn's reply, not another interruption.
    h.brain.promptStarted(h.at(3800));
    h.brain.promptEnded(h.at(6000));
    h.runTo(7000);
    expect(h.actions.map((a) => a.type === 'say' && a.kind)).toEqual(['interrupt', 'reply']);
  });

  it('keeps an interruption for a later prompt when the prompt is shorter than `at`', () => {
    const h = harness([{ interrupt: 'bu-xuyao', at: 1500 }]);
    h.brain.promptStarted(h.at(0));
    h.brain.promptEnded(h.at(1000));
    h.runTo(5000);
    expect(h.actions).toEqual([]);
    h.brain.promptStarted(h.at(5000));
    h.runTo(6500);
    expect(h.actions).toMatchObject([{ kind: 'interrupt', at: 6500 }]);
  });

  it('murmurs a backchannel during the prompt and still replies after it', () => {
    const h = harness([{ backchannel: 'en', at: 1000, say: 'you-xuyao' }]);
    h.brain.promptStarted(h.at(0));
    h.runTo(1000);
    h.brain.speechFinished(h.at(1400));
    expect(h.brain.turn).toBe(0);
    h.brain.promptEnded(h.at(4000));
    h.runTo(4500);
    expect(h.actions).toMatchObject([{ clip: 'en', kind: 'backchannel', at: 1000 }, { clip: 'you-xuyao', kind: 'reply', at: 4500 }]);
  });

  it('moves on after the reply that follows a backchannel (regression: the reply repeated forever)', () => {
    const h = harness([{ backchannel: 'en', at: 1000, say: 'you-xuyao' }, { say: 'hao-de' }]);
    h.brain.promptStarted(h.at(0));
    h.runTo(1000);
    h.brain.speechFinished(h.at(1400));
    h.brain.promptEnded(h.at(4000));
    h.runTo(4500);
    h.brain.speechFinished(h.at(5300));
    expect(h.brain.turn).toBe(1);
    h.brain.promptStarted(h.at(6000));
    h.brain.promptEnded(h.at(8000));
    h.runTo(9000);
    expect(h.actions.map((a) => a.type === 'say' && a.clip)).toEqual(['en', 'you-xuyao', 'hao-de']);
  });

  it('replies after its own backchannel when the prompt ended while it was still murmuring', () => {
    const h = harness([{ backchannel: 'en', at: 1000, say: 'you-xuyao' }]);
    h.brain.promptStarted(h.at(0));
    h.runTo(1000);
    h.brain.promptEnded(h.at(1200));
    h.brain.speechFinished(h.at(1600));
    h.runTo(2100);
    expect(h.actions.at(-1)).toMatchObject({ clip: 'you-xuyao', at: 2100 });
  });

  it('lets a prompt go by on `silent`, hangs up on `hangup`, and stays quiet when out of turns', () => {
    const h = harness([{ silent: true }, { hangup: true }]);
    h.brain.promptStarted(h.at(0));
    h.brain.promptEnded(h.at(1000));
    h.runTo(3000);
    expect(h.actions).toEqual([]);
    expect(h.brain.turn).toBe(1);
    h.brain.promptStarted(h.at(3000));
    h.brain.promptEnded(h.at(4000));
    h.runTo(4500);
    expect(h.actions).toEqual([{ type: 'hangup', reason: 'persona', at: 4500 }]);
    expect(h.brain.nextDeadline()).toBeUndefined();
    const quiet = harness([]);
    quiet.brain.promptStarted(quiet.at(0));
    quiet.brain.promptEnded(quiet.at(1000));
    quiet.runTo(60_000);
    expect(quiet.actions).toEqual([]);
  });

  it('answers on the keypad and moves to the next turn at once', () => {
    const h = harness([{ press: '1' }, { say: 'keyi' }]);
    h.brain.promptStarted(h.at(0));
    h.brain.promptEnded(h.at(1000));
    h.runTo(1500);
    expect(h.actions).toEqual([{ type: 'press', digit: '1', at: 1500 }]);
    expect(h.brain.turn).toBe(1);
  });

  it('hangs up `hangupAfterMs` after answering whatever is going on', () => {
    const h = harness([{ say: 'keyi' }], { hangupAfterMs: 2500 });
    h.brain.promptStarted(h.at(0));
    h.runTo(10_000);
    expect(h.actions).toEqual([{ type: 'hangup', reason: 'hangup_after', at: 2500 }]);
  });

  it('draws gaps from the persona range, reproducibly per seed', () => {
    const gaps = (seed: number) => {
      const random = seededRandom(seed);
      const brain = new CalleeBrain({ turns: Array(5).fill({ say: 'keyi' }), gapMs: [400, 900], random }, 0);
      const out: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = i * 10_000;
        brain.promptStarted(t);
        brain.promptEnded(t + 1000);
        out.push(brain.nextDeadline()! - (t + 1000));
        brain.poll(brain.nextDeadline()!);
        brain.speechFinished(t + 3000);
      }
      return out;
    };
    const a = gaps(hashString('+8613800000001'));
    expect(a).toEqual(gaps(hashString('+8613800000001')));
    expect(a).not.toEqual(gaps(hashString('+8613800000002')));
    for (const g of a) expect(g).toBeGreaterThanOrEqual(400), expect(g).toBeLessThanOrEqual(900);
  });
});
