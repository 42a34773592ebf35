import { describe, expect, it } from 'vitest';
import { CallMeter, MAX_ERRORS_PER_CALL, newCallRecord, percentile, recordError, summarise } from './measurements.ts';

const meter = () => new CallMeter(newCallRecord('CA1', '+861', 'p'), 1000);

describe('CallMeter', () => {
  it('measures a barge-in from speech onset sent to clear received, and the response after it', () => {
    const m = meter();
    m.robotPromptStarted(1000);
    m.said('interrupt', 'bu-xuyao', '不需要', 3000);
    m.speechOnset(3150);
    m.clearReceived(3400);
    m.speechEnded(3800);
    m.robotPromptStarted(4500);
    m.finish('robot', 9000);
    expect(m.record).toMatchObject({
      bargeInLatenciesMs: [250], responseLatenciesMs: [700], clears: 1, bargeInsUnanswered: 0, durationMs: 8000, endedBy: 'robot',
      said: [{ clip: 'bu-xuyao', text: '不需要', kind: 'interrupt', atMs: 2000 }],
    });
  });

  it('counts an interruption the robot never cleared for', () => {
    const m = meter();
    m.said('interrupt', 'bu-xuyao', '不需要', 3000);
    m.speechOnset(3150);
    m.speechEnded(3800);
    m.finish('callee', 5000);
    expect(m.record.bargeInsUnanswered).toBe(1);
    expect(m.record.bargeInLatenciesMs).toEqual([]);
  });

  it('counts a clear after a backchannel as a false interruption, not a barge-in', () => {
    const m = meter();
    m.said('backchannel', 'en', '嗯', 2000);
    m.speechOnset(2150);
    m.clearReceived(2500);
    m.speechEnded(2400);
    m.robotPromptStarted(3000);
    expect(m.record).toMatchObject({ backchannelInterruptions: 1, bargeInLatenciesMs: [], responseLatenciesMs: [] });
  });

  it('does not take a prompt that started while the callee was still talking as a response', () => {
    const m = meter();
    m.said('reply', 'keyi', '可以', 2000);
    m.speechOnset(2150);
    m.robotPromptStarted(2400);
    m.speechEnded(2600);
    m.robotPromptStarted(5000);
    expect(m.record).toMatchObject({ overlaps: 1, responseLatenciesMs: [] });
  });

  it('ignores a clear that comes before any speech or after the robot moved on', () => {
    const m = meter();
    m.clearReceived(1500);
    m.said('interrupt', 'x', 'x', 2000);
    m.speechOnset(2100);
    m.speechEnded(2500);
    m.robotPromptStarted(2600);
    m.clearReceived(4000);
    expect(m.record.bargeInLatenciesMs).toEqual([]);
    expect(m.record.clears).toBe(2);
  });
});

describe('summary', () => {
  it('keeps the first errors of a call and counts the rest', () => {
    const r = newCallRecord('CA1', '+1', 'a');
    for (let i = 0; i < MAX_ERRORS_PER_CALL + 5; i++) recordError(r, `bad frame ${i}`);
    expect(r.errors.length).toBe(MAX_ERRORS_PER_CALL);
    expect(summarise([r], { slips: 0, listenerCount: 0 }, []).errors.count).toBe(MAX_ERRORS_PER_CALL + 5);
  });

  it('computes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 95)).toBe(10);
  });

  it('counts outcomes and pools latencies over calls', () => {
    const a = newCallRecord('CA1', '+1', 'a');
    a.outcome = 'answered';
    a.endedBy = 'robot';
    a.durationMs = 30_000;
    a.bargeInLatenciesMs.push(300);
    a.responseLatenciesMs.push(800, 900);
    const b = newCallRecord('CA2', '+2', 'b');
    b.outcome = 'busy';
    b.endedBy = 'carrier';
    const c = newCallRecord('CA3', '+3', 'c');
    c.outcome = 'ringing';
    recordError(c, 'oops');
    const s = summarise([a, b, c], { slips: 2, listenerCount: 0 }, ['global']);
    expect(s).toMatchObject({
      calls: 3, answered: 1, busy: 1, completed: 1, active: { ringing: 1, inCall: 0 }, clockSlips: 2,
      bargeIns: { count: 1, p50: 300 }, responseLatencyMs: { count: 2, p50: 800, p95: 900 }, callDurationMs: { count: 1, p50: 30_000 },
      errors: { count: 2, messages: ['global', 'CA3: oops'] },
    });
    s.records[0]!.said.push({ clip: 'x', text: 'x', kind: 'reply', atMs: 0 });
    expect(a.said).toEqual([]); // the summary is a snapshot
  });
});
