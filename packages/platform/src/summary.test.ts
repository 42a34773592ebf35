import { describe, expect, it } from 'vitest';
import type { CampaignStats__Output } from '@voicebot/common/generated/voicebot/v1/CampaignStats';
import type { CallRecord__Output } from '@voicebot/common/generated/voicebot/v1/CallRecord';
import { displayWidth, renderSummary, summarise } from './summary.ts';
import { percentile } from './percentile.ts';

const stats = { attempts: 5, answered: 3, completed: 3, abandoned: 0, opt_outs: 1, failed: 0 } as CampaignStats__Output;
const rec = (grade: string) => ({ grade }) as CallRecord__Output;

describe('demo summary', () => {
  it('counts grades from call records and latencies from the carrier', () => {
    const s = summarise(stats, [rec('GRADE_A'), rec('GRADE_F'), rec('GRADE_F')], { bargeInLatenciesMs: [100, 200], responseLatenciesMs: [400, 500, 600], errors: [] });
    expect(s.json).toEqual({
      calls: 5, answered: 3, completed: 3, abandoned: 0,
      grades: { A: 1, B: 0, C: 0, D: 0, E: 0, F: 2 },
      bargeIns: 2, bargeInP95Ms: 200, responseP95Ms: 600, optOuts: 1, errors: 0,
    });
    expect(renderSummary(s, [], { media: 'http://x/metrics' })).toContain('A:1 B:0 C:0 D:0 E:0 F:2');
  });

  it('counts an answered call without a graded record as an error', () => {
    const s = summarise(stats, [rec('GRADE_A'), rec('GRADE_UNSPECIFIED')], { bargeInLatenciesMs: [], responseLatenciesMs: [], errors: ['ws closed'] });
    expect(s.json.errors).toBe(2);
    expect(s.errorMessages).toContain('2 answered call(s) without a graded call record');
  });

  it('nearest-rank percentiles and CJK widths', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(Number.isNaN(percentile([], 95))).toBe(true);
    expect(displayWidth('可以 ok')).toBe(7);
  });
});
