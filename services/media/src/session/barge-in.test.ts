import { describe, expect, it } from 'vitest';
import { type BargeInPolicy, type BargeInSignal, decideInterruption, isBackchannel } from './barge-in.ts';

const none: BargeInPolicy = { mode: 'none', minSpeechMs: 0, keywords: [] };
const speech: BargeInPolicy = { mode: 'speech', minSpeechMs: 120, keywords: [] };
const keywords: BargeInPolicy = { mode: 'keywords', minSpeechMs: 0, keywords: ['不需要', '别再打', 'stop calling', '转人工'] };

const sp = (speechMs: number, nearEndRatio = 1): BargeInSignal => ({ kind: 'speech', speechMs, nearEndRatio });
const tx = (text: string, nearEndRatio = 1): BargeInSignal => ({ kind: 'transcript', text, final: false, nearEndRatio });

describe('decideInterruption', () => {
  it.each<[string, BargeInPolicy, BargeInSignal, false | string]>([
    ['disclosure never interrupts', none, sp(5000), false],
    ['disclosure ignores refusals too', none, tx('不需要'), false],
    ['speech under the minimum waits', speech, sp(80), false],
    ['speech at the minimum interrupts', speech, sp(120), 'barge_in_speech'],
    ['speech that is our own echo does not', speech, sp(500, 0.1), false],
    ['speech policy ignores transcripts', speech, tx('不需要'), false],
    ['keyword in a partial interrupts', keywords, tx('我不需要谢谢'), 'barge_in_keyword'],
    ['english keyword, whole words', keywords, tx('please stop calling me'), 'barge_in_keyword'],
    ['english keyword inside another word does not', keywords, tx('nonstop callings'), false],
    ['backchannel 嗯 does not', keywords, tx('嗯'), false],
    ['backchannel run 嗯嗯对 does not', keywords, tx('嗯嗯，对'), false],
    ['backchannel uh-huh does not', keywords, tx('uh-huh yeah'), false],
    ['other speech without a keyword does not', keywords, tx('你们是哪家公司'), false],
    ['keyword from our own echo does not', keywords, tx('不需要', 0.2), false],
    ['keyword policy ignores bare speech', keywords, sp(3000), false],
  ])('%s', (_name, policy, signal, expected) => {
    const d = decideInterruption(policy, signal);
    expect(d.interrupt ? d.reason : false).toBe(expected);
  });

  it('backchannel detection', () => {
    expect(isBackchannel('好的好的')).toBe(true);
    expect(isBackchannel('好的吧我要')).toBe(false);
    expect(isBackchannel('好的')).toBe(true);
    expect(isBackchannel('哦')).toBe(true);
    expect(isBackchannel('好 我要')).toBe(false);
  });
});
