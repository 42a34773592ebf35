export { seededRandom } from '@voicebot/common/random';
import type { Turn } from './personas.ts';

/**
 * What a callee does and when, as a pure state machine over the events a phone user perceives:
 * a robot prompt starts or ends playing, the robot cuts its prompt (clear), the callee's own
 * utterance finishes. Time is passed in (ms, monotonic); the caller asks `nextDeadline()` when to
 * `poll()` next. No sockets, no timers, so every persona is unit-testable.
 */
export type UtteranceKind = 'reply' | 'interrupt' | 'backchannel';

export type BrainAction =
  | { type: 'say'; clip: string; kind: UtteranceKind }
  | { type: 'press'; digit: string }
  | { type: 'hangup'; reason: 'persona' | 'hangup_after' };

export interface BrainOptions {
  turns: Turn[];
  gapMs: [number, number];
  hangupAfterMs?: number;
  /** Uniform [0, 1); seeded so a persona replays the same gaps. */
  random: () => number;
}

interface Scheduled {
  at: number;
  phase: 'during' | 'after';
}

export class CalleeBrain {
  private turnIndex = 0;
  private promptPlaying = false;
  private promptStartedAt = 0;
  /** What the callee is saying right now, if anything. */
  private saying: UtteranceKind | undefined;
  private duringFired = false;
  /** The prompt ended while we were still talking: reply once we stop. */
  private replyPending = false;
  private scheduled: Scheduled | undefined;
  private readonly hangupAt: number | undefined;
  private done = false;

  constructor(private readonly options: BrainOptions, answeredAt: number) {
    this.hangupAt = options.hangupAfterMs === undefined ? undefined : answeredAt + options.hangupAfterMs;
  }

  /** Index of the turn the callee is on (0-based; = turns.length when the persona has nothing left to do). */
  get turn(): number {
    return this.turnIndex;
  }

  promptStarted(now: number): void {
    this.promptPlaying = true;
    this.promptStartedAt = now;
    // The robot kept talking (a second prompt queued behind the first): a person waits for it.
    if (this.scheduled?.phase === 'after') this.scheduled = undefined;
    this.replyPending = false;
    this.scheduleDuring(now);
  }

  promptEnded(now: number): void {
    this.promptPlaying = false;
    if (this.scheduled?.phase === 'during') this.scheduled = undefined;
    const turn = this.current();
    if (!turn || turn.interrupt) return;
    if (turn.silent) {
      this.advance(now);
      return;
    }
    if (this.saying) this.replyPending = true;
    else this.scheduleAfter(now, turn);
  }

  cleared(_now: number): void {
    this.promptPlaying = false;
    if (this.scheduled?.phase === 'during') this.scheduled = undefined;
  }

  speechFinished(now: number): void {
    const finished = this.saying;
    this.saying = undefined;
    const turn = this.current();
    if (!turn) return;
    // A backchannel leaves the turn open: the reply to the prompt is still to come.
    if (finished === 'backchannel') {
      if (this.replyPending) {
        this.replyPending = false;
        this.scheduleAfter(now, turn);
      }
      return;
    }
    this.advance(now);
  }

  nextDeadline(): number | undefined {
    if (this.done) return undefined;
    const a = this.scheduled?.at;
    const b = this.hangupAt;
    if (a === undefined) return b;
    return b === undefined ? a : Math.min(a, b);
  }

  poll(now: number): BrainAction | undefined {
    if (this.done) return undefined;
    if (this.hangupAt !== undefined && now >= this.hangupAt) {
      this.done = true;
      return { type: 'hangup', reason: 'hangup_after' };
    }
    const s = this.scheduled;
    if (!s || now < s.at) return undefined;
    this.scheduled = undefined;
    const turn = this.current()!;
    if (s.phase === 'during') {
      this.duringFired = true;
      this.saying = turn.interrupt ? 'interrupt' : 'backchannel';
      return turn.interrupt ? { type: 'say', clip: turn.interrupt, kind: 'interrupt' } : { type: 'say', clip: turn.backchannel!, kind: 'backchannel' };
    }
    if (turn.hangup) {
      this.done = true;
      return { type: 'hangup', reason: 'persona' };
    }
    if (turn.press) {
      // A key press is instant: the turn is over as soon as it is sent.
      this.advance(now);
      return { type: 'press', digit: turn.press };
    }
    this.saying = 'reply';
    return { type: 'say', clip: turn.say!, kind: 'reply' };
  }

  private current(): Turn | undefined {
    return this.options.turns[this.turnIndex];
  }

  private advance(now: number): void {
    this.turnIndex++;
    this.duringFired = false;
    this.replyPending = false;
    this.scheduled = undefined;
    if (this.promptPlaying) this.scheduleDuring(now);
  }

  private scheduleDuring(now: number): void {
    const turn = this.current();
    if (!turn || this.saying || this.duringFired || turn.at === undefined) return;
    this.scheduled = { at: Math.max(now, this.promptStartedAt + turn.at), phase: 'during' };
  }

  private scheduleAfter(now: number, turn: Turn): void {
    const [min, max] = this.options.gapMs;
    const gap = turn.gapMs ?? min + Math.round(this.options.random() * (max - min));
    this.scheduled = { at: now + gap, phase: 'after' };
  }
}


/** FNV-1a of a string, to derive a per-number seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
