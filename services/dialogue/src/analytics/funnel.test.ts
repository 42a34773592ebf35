import { describe, expect, it } from 'vitest';
import { computeFunnel, stageOrder, type FunnelCall } from './funnel.ts';

const stageOf = stageOrder(
  { opening: {}, intro: {}, invitation: {}, closing: {} },
  { open_1: { stage: 'opening' }, retain_open: { stage: 'opening' }, intro_1: { stage: 'intro' }, invite_1: { stage: 'invitation' }, close_ok: { stage: 'closing' }, close_no: { stage: 'closing' } },
);

const t = (nodeId: string, intent: string, bargedIn = false) => ({ nodeId, intent, bargedIn });
const HOUR = 3_600_000;

describe('computeFunnel', () => {
  const calls: FunnelCall[] = [
    { path: ['open_1', 'intro_1', 'invite_1', 'close_ok'], turns: [t('open_1', 'affirmative', true), t('intro_1', 'affirmative'), t('invite_1', 'affirmative')], hangupParty: 'robot', grade: 'B', startedAtMs: 0 },
    { path: ['open_1', 'retain_open', 'close_no'], turns: [t('open_1', 'negative'), t('retain_open', 'negative')], hangupParty: 'robot', grade: 'D', startedAtMs: 10 },
    { path: ['open_1', 'silence_1'], turns: [t('open_1', 'silence')], hangupParty: 'callee', grade: 'E', startedAtMs: HOUR + 5 },
    { path: ['open_1', 'intro_1'], turns: [t('open_1', 'affirmative')], hangupParty: 'callee', grade: 'C', startedAtMs: HOUR + 6 },
  ];
  const f = computeFunnel(calls, stageOf);
  const row = (id: string) => f.nodes.find((n) => n.nodeId === id)!;

  it('counts reach, barge-ins, refusals, silences and hang-ups per node', () => {
    expect(row('open_1')).toMatchObject({ reached: 4, bargeIns: 1, refusals: 1, silences: 1, hangUps: 0 });
    expect(row('intro_1')).toMatchObject({ reached: 2, hangUps: 1 });
    expect(row('silence_1')).toMatchObject({ reached: 1, hangUps: 1, conversion: 0 });
  });

  it('computes conversion to a later stage', () => {
    expect(row('open_1').conversion).toBe(0.5);
    expect(row('intro_1').conversion).toBe(0.5);
    expect(row('invite_1').conversion).toBe(1);
    expect(row('close_ok')).toMatchObject({ hasNextStage: false, conversion: 0 });
  });

  it('lists main-line nodes in stage order before side prompts', () => {
    expect(f.nodes.map((n) => n.nodeId)).toEqual(['open_1', 'retain_open', 'intro_1', 'invite_1', 'close_ok', 'close_no', 'silence_1']);
  });

  it('counts grades in total and per hour', () => {
    expect(f.grades).toEqual({ B: 1, D: 1, E: 1, C: 1 });
    expect(f.gradesOverTime).toEqual([
      { bucketStartMs: 0, grades: { B: 1, D: 1 } },
      { bucketStartMs: HOUR, grades: { E: 1, C: 1 } },
    ]);
  });
});
