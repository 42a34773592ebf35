import { describe, expect, it } from 'vitest';
import { compileExpr, ExprError, type GradingFacts } from './expr.ts';

const facts = (over: Partial<GradingFacts> = {}): GradingFacts => ({
  consent: false, optedOut: false, wrongNumber: false, machine: false, transferred: false,
  kbQuestions: 0, turns: 3, talkMs: 12_000, refusals: 0, maxStageRefusals: 0, silences: 0, bargeIns: 0,
  endReason: 'completed', reachedNodes: new Set(['open_1', 'intro_1']), intentsSeen: new Set(['affirmative']),
  slots: { purpose: '装修' }, refusalsByStage: { opening: 1 }, ...over,
});

describe('grading expressions', () => {
  it.each([
    ['consent and kbQuestions >= 1', facts({ consent: true, kbQuestions: 1 }), true],
    ['consent and kbQuestions >= 1', facts({ consent: true }), false],
    ['optedOut or wrongNumber or machine', facts({ machine: true }), true],
    ['not consent && reached("intro_1")', facts(), true],
    ['reached("invite_1")', facts(), false],
    ['slot("purpose") == "装修" and filled(\'purpose\')', facts(), true],
    ['refusalsIn("opening") >= 1 || talkMs > 60000', facts(), true],
    ['(turns > 2) and endReason != "silence"', facts(), true],
    ['saw("affirmative") and !saw("negative")', facts(), true],
    ['true', facts(), true],
  ])('%s', (src, f, want) => {
    expect(compileExpr(src)(f)).toBe(want);
  });

  it.each([
    ['consent and', 'unexpected end of expression'],
    ['consnet', "unknown fact 'consnet'"],
    ['process.exit(1)', "unexpected character '.'"],
    ['kbQuestions', 'must be a condition'],
    ['consent >= 1', 'cannot compare boolean with number'],
    ['reached(1)', 'argument 1 must be a string'],
    ['eval("1")', "unknown function 'eval'"],
    ['"abc', 'unterminated string'],
  ])('rejects %s', (src, message) => {
    expect(() => compileExpr(src)).toThrow(ExprError);
    expect(() => compileExpr(src)).toThrow(message);
  });

  it('reports the offset of the problem', () => {
    try {
      compileExpr('consent and bogus');
      expect.unreachable();
    } catch (err) {
      expect((err as ExprError).offset).toBe(12);
    }
  });
});
