import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '@voicebot/common';
import { loadScript } from '../script/load.ts';
import { classify } from './classifier.ts';
import { normalizeText } from './normalize.ts';

const zh = loadScript(fs.readFileSync(fromRoot('services/dialogue/scripts/loan-zh.yaml'), 'utf8'), 1).compiled;
const en = loadScript(fs.readFileSync(fromRoot('services/dialogue/scripts/loan-en.yaml'), 'utf8'), 1).compiled;
const at = (script: typeof zh, node: string, text: string, confidence = 0.9) =>
  classify(script.nodeMatchers.get(node)!, text, { confidence, minConfidence: script.script.settings.minConfidence });

describe('normalizeText', () => {
  it.each([
    ['ＯＫ，好的！', 'ok 好的'],
    ['沒有需要。', '没有需要'],
    ['可 以', '可以'],
    ['Don’t  call ME', "don't call me"],
    ['  ', ''],
  ])('%s → %s', (input, want) => expect(normalizeText(input)).toBe(want));
});

describe('classify (loan-zh)', () => {
  it.each([
    ['可以', 'affirmative', '可以'],
    ['不需要', 'negative', '不需要'],
    ['我不需要谢谢', 'negative', '不需要'],
    ['没有需要', 'negative', '没有需要'],
    ['有需要', 'affirmative', '有需要'],
    ['不可以', 'negative', '不可以'],
    ['不太方便', 'negative', '不太方便'],
    ['没问题', 'affirmative', '没问题'],
    ['不是不想', 'unrecognised', ''],
    ['嗯嗯', 'unrecognised', ''],
    ['别再打了', 'optout', '别再打了'],
    ['不要再给我打电话了', 'optout', '不要再给我打电话'],
    ['转人工', 'transfer', '转人工'],
    ['利息多少', 'kb', '利息多少'],
    ['不需要你们是骗子吧', 'kb', '骗子'],
    ['我想借五万', 'side', '我想借五万'],
    ['打错了', 'wrongNumber', '打错了'],
  ])('%s → %s', (text, kind, word) => {
    const c = at(zh, 'open_1', text);
    expect(c.kind).toBe(kind);
    if (word) expect(c.words.join('')).toContain(word);
  });

  it('explains the decision with the rule and the words', () => {
    const c = at(zh, 'invite_1', '好的，可以');
    expect(c.explanation).toBe("affirmative by lexicon.affirmative.keywords on '好的', '可以'");
  });

  it('treats a low-confidence final as unrecognised', () => {
    const c = at(zh, 'open_1', '别再打了', 0.1);
    expect(c.kind).toBe('unrecognised');
    expect(c.explanation).toContain('confidence');
  });

  it('captures the amount with the side-dialogue regex', () => {
    expect(at(zh, 'intro_1', '能不能借两万').captures).toEqual({ amount: '两万' });
  });

  it('answers a knowledge-base question and flags the side dialogue when both are asked', () => {
    const c = at(zh, 'intro_1', '额度有二十万吗');
    expect(c).toMatchObject({ kind: 'kb', ref: 'kb_limit', alsoSide: 'purpose', captures: { amount: '二十万' } });
  });
});

describe('classify (loan-en)', () => {
  it.each([
    ['yes please', 'affirmative'],
    ['nothing', 'unrecognised'],
    ['know what', 'unrecognised'],
    ['no', 'negative'],
    ['not okay', 'negative'],
    ["I'm not interested", 'negative'],
    ['please stop calling', 'optout'],
    ["don't call me again", 'optout'],
    ['how much can I borrow', 'kb'],
    ['wrong number', 'wrongNumber'],
  ])('%s → %s', (text, kind) => expect(at(en, 'open_1', text).kind).toBe(kind));
});
