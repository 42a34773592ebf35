import type { UtteranceKind } from './callee-brain.ts';

/**
 * What the simulator measures from the carrier's side of each call, and the campaign summary.
 * All times are ms on the monotonic clock. Pure bookkeeping: the session reports what happened
 * and when; this decides what a barge-in or a response is.
 *
 * - Barge-in latency: speech onset of an `interrupt` clip (the moment the first frame holding its
 *   speech was sent) → the robot's `clear` received.
 * - Response latency: end of a `reply`/`interrupt` clip's speech (the last frame holding speech
 *   sent) → first media frame of the robot's next prompt received.
 */
export type CallOutcome = 'queued' | 'ringing' | 'answered' | 'machine' | 'busy' | 'no-answer' | 'failed' | 'canceled';
export type EndedBy = 'callee' | 'robot' | 'carrier' | 'error';

export interface Utterance {
  /** Clip slug, or `dtmf:<digit>` for a key press. */
  clip: string;
  text: string;
  kind: UtteranceKind | 'dtmf';
  /** ms after answer when the clip started. */
  atMs: number;
}

export interface CallRecord {
  callSid: string;
  to: string;
  persona: string;
  expectGrade?: string;
  /** `callId` / `leadId` from the TwiML <Parameter>s, to join with the platform's records. */
  callId?: string;
  leadId?: string;
  outcome: CallOutcome;
  endedBy?: EndedBy;
  closeCode?: number;
  closeReason?: string;
  /** Answer → end of media session. */
  durationMs?: number;
  said: Utterance[];
  promptsHeard: number;
  marksEchoed: number;
  marksDropped: number;
  clears: number;
  bargeInLatenciesMs: number[];
  bargeInsUnanswered: number;
  backchannelInterruptions: number;
  responseLatenciesMs: number[];
  /** The robot started a new prompt while the callee was still saying a reply. */
  overlaps: number;
  upstreamDrops: number;
  /** Audio the carrier itself played after the dialer redirected the call (`<Play>`), e.g. an abandoned-call message. */
  carrierPlayed: { url: string; ms: number }[];
  /** The first MAX_ERRORS_PER_CALL error messages; `errorCount` counts them all. */
  errors: string[];
  errorCount: number;
}

interface OpenUtterance {
  kind: UtteranceKind;
  onsetAt?: number;
  endAt?: number;
  clearSeen: boolean;
  /** The robot started a new prompt after this utterance began: later clears are not about it. */
  superseded: boolean;
}

export class CallMeter {
  private utterance: OpenUtterance | undefined;
  private responseArmedAt: number | undefined;

  constructor(readonly record: CallRecord, private readonly answeredAt: number) {}

  said(kind: UtteranceKind, clip: string, text: string, at: number): void {
    this.closeUtterance();
    this.utterance = { kind, clearSeen: false, superseded: false };
    this.record.said.push({ clip, text, kind, atMs: Math.round(at - this.answeredAt) });
  }

  /** A key press: no speech to measure from, so the response clock starts at the press. */
  pressed(digit: string, at: number): void {
    this.closeUtterance();
    this.record.said.push({ clip: `dtmf:${digit}`, text: `[${digit}]`, kind: 'dtmf', atMs: Math.round(at - this.answeredAt) });
    this.responseArmedAt = at;
  }

  speechOnset(at: number): void {
    if (this.utterance) this.utterance.onsetAt = at;
  }

  speechEnded(at: number): void {
    const u = this.utterance;
    if (!u) return;
    u.endAt = at;
    if (u.kind !== 'backchannel' && !u.superseded) this.responseArmedAt = at;
  }

  /** First media frame of a new robot prompt arrived. */
  robotPromptStarted(at: number): void {
    if (this.responseArmedAt !== undefined) {
      this.record.responseLatenciesMs.push(round1(at - this.responseArmedAt));
      this.responseArmedAt = undefined;
    }
    const u = this.utterance;
    if (u && u.onsetAt !== undefined && !u.superseded) {
      u.superseded = true;
      if (u.endAt === undefined && u.kind !== 'backchannel') this.record.overlaps++;
    }
  }

  clearReceived(at: number): void {
    this.record.clears++;
    const u = this.utterance;
    if (!u || u.onsetAt === undefined || u.clearSeen || u.superseded) return;
    u.clearSeen = true;
    if (u.kind === 'interrupt') this.record.bargeInLatenciesMs.push(round1(at - u.onsetAt));
    else if (u.kind === 'backchannel') this.record.backchannelInterruptions++;
  }

  markEchoed(dropped: boolean): void {
    if (dropped) this.record.marksDropped++;
    else this.record.marksEchoed++;
  }

  promptHeard(): void {
    this.record.promptsHeard++;
  }

  finish(endedBy: EndedBy, at: number, close?: { code: number; reason: string }): void {
    this.closeUtterance();
    this.record.endedBy = endedBy;
    this.record.durationMs = Math.round(at - this.answeredAt);
    if (close) {
      this.record.closeCode = close.code;
      this.record.closeReason = close.reason;
    }
  }

  private closeUtterance(): void {
    const u = this.utterance;
    if (u && u.kind === 'interrupt' && u.onsetAt !== undefined && !u.clearSeen) this.record.bargeInsUnanswered++;
    this.utterance = undefined;
  }
}

/** A peer that misbehaves on every frame must not grow a call record without bound. */
export const MAX_ERRORS_PER_CALL = 20;

/** Record an error on a call, keeping the first few and counting the rest. */
export function recordError(record: CallRecord, message: string): void {
  record.errorCount++;
  if (record.errors.length < MAX_ERRORS_PER_CALL) record.errors.push(message);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

export function newCallRecord(callSid: string, to: string, persona: string, expectGrade?: string): CallRecord {
  return {
    callSid, to, persona, expectGrade, outcome: 'queued', said: [], promptsHeard: 0, marksEchoed: 0, marksDropped: 0, clears: 0,
    bargeInLatenciesMs: [], bargeInsUnanswered: 0, backchannelInterruptions: 0, responseLatenciesMs: [], overlaps: 0, upstreamDrops: 0, carrierPlayed: [], errors: [], errorCount: 0,
  };
}

/** Nearest-rank percentile; undefined for no samples. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface Distribution {
  count: number;
  p50?: number;
  p95?: number;
  max?: number;
}

function distribution(values: number[]): Distribution {
  return { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: values.length ? Math.max(...values) : undefined };
}

export interface SimulatorSummary {
  calls: number;
  /** Calls not finished yet, by where they are. */
  active: { ringing: number; inCall: number };
  /** Answered by a person (`AnsweredBy=human`). */
  answered: number;
  /** Answered by an answering machine (`AnsweredBy=machine_start`). */
  machine: number;
  busy: number;
  noAnswer: number;
  failed: number;
  canceled: number;
  /** Calls whose media session has ended (answered or machine). */
  completed: number;
  endedBy: Record<EndedBy, number>;
  bargeIns: Distribution & { unanswered: number };
  backchannelInterruptions: number;
  responseLatencyMs: Distribution;
  overlaps: number;
  marks: { echoed: number; dropped: number };
  clears: number;
  callDurationMs: Distribution;
  clockSlips: number;
  /** Media streams on the frame clock right now; 0 once every call is over. */
  activeStreams: number;
  upstreamDrops: number;
  /** Calls the dialer redirected to carrier-played audio (`<Play>`). */
  carrierPlays: number;
  /** `count` includes errors beyond the per-call message cap. */
  errors: { count: number; messages: string[] };
  records: CallRecord[];
}

export function summarise(records: CallRecord[], clock: { slips: number; listenerCount: number }, globalErrors: string[]): SimulatorSummary {
  const count = (o: CallOutcome) => records.filter((r) => r.outcome === o).length;
  const sessionEnded = records.filter((r) => r.endedBy !== undefined && (r.outcome === 'answered' || r.outcome === 'machine'));
  const endedBy: Record<EndedBy, number> = { callee: 0, robot: 0, carrier: 0, error: 0 };
  for (const r of records) if (r.endedBy) endedBy[r.endedBy]++;
  const errors = [...globalErrors, ...records.flatMap((r) => r.errors.map((e) => `${r.callSid}: ${e}`))];
  return {
    calls: records.length,
    active: {
      ringing: records.filter((r) => r.outcome === 'queued' || r.outcome === 'ringing').length,
      inCall: records.filter((r) => (r.outcome === 'answered' || r.outcome === 'machine') && r.endedBy === undefined).length,
    },
    answered: count('answered'),
    machine: count('machine'),
    busy: count('busy'),
    noAnswer: count('no-answer'),
    failed: count('failed'),
    canceled: count('canceled'),
    completed: sessionEnded.length,
    endedBy,
    bargeIns: { ...distribution(records.flatMap((r) => r.bargeInLatenciesMs)), unanswered: sum(records, (r) => r.bargeInsUnanswered) },
    backchannelInterruptions: sum(records, (r) => r.backchannelInterruptions),
    responseLatencyMs: distribution(records.flatMap((r) => r.responseLatenciesMs)),
    overlaps: sum(records, (r) => r.overlaps),
    marks: { echoed: sum(records, (r) => r.marksEchoed), dropped: sum(records, (r) => r.marksDropped) },
    clears: sum(records, (r) => r.clears),
    callDurationMs: distribution(sessionEnded.map((r) => r.durationMs ?? 0)),
    clockSlips: clock.slips,
    activeStreams: clock.listenerCount,
    upstreamDrops: sum(records, (r) => r.upstreamDrops),
    carrierPlays: records.filter((r) => r.carrierPlayed.length > 0).length,
    errors: { count: globalErrors.length + sum(records, (r) => r.errorCount), messages: errors },
    records: records.map((r) => structuredClone(r)),
  };
}

function sum(records: CallRecord[], f: (r: CallRecord) => number): number {
  return records.reduce((a, r) => a + f(r), 0);
}
