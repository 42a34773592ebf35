import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '@voicebot/common';
import { parseScript } from './load.ts';

const reference = fs.readFileSync(fromRoot('services/dialogue/scripts/loan-zh.yaml'), 'utf8');

/** Replace the first occurrence of `from` in the reference script. */
function broken(from: string, to: string): string {
  if (!reference.includes(from)) throw new Error(`fixture text not found: ${from}`);
  return reference.replace(from, to);
}

function lineOf(source: string, text: string): number {
  return source.slice(0, source.indexOf(text)).split('\n').length;
}

describe('parseScript', () => {
  it('accepts the reference scripts without problems', () => {
    expect(parseScript(reference).problems).toEqual([]);
    expect(parseScript(fs.readFileSync(fromRoot('services/dialogue/scripts/loan-en.yaml'), 'utf8')).ok).toBe(true);
  });

  it('reads the same script written as JSON, locating problems in the JSON text', async () => {
    const { parse } = await import('yaml');
    const json = JSON.stringify(parse(reference), null, 2);
    expect(parseScript(json).ok).toBe(true);
    const bad = json.replace('"goto": "close_ok"', '"goto": "close_okay"');
    const p = parseScript(bad).problems.find((x) => x.code === 'unknown_node')!;
    expect(p.line).toBe(lineOf(bad, '"close_okay"'));
  });

  it('reports YAML syntax errors with their position', () => {
    const r = parseScript('id: x\ntitle: [unclosed\n');
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ code: 'syntax', severity: 'error' });
    expect(r.problems[0]!.line).toBeGreaterThan(0);
  });

  it('locates schema errors, including unknown keys', () => {
    const src = broken('  invite_1: { text:', '  invite_1: { colour: red, text:');
    const r = parseScript(src);
    const p = r.problems.find((x) => x.message === "unknown key 'colour'");
    expect(p).toMatchObject({ path: '/prompts/invite_1/colour', line: lineOf(src, '  invite_1: { colour') });
  });

  it('locates a bad barge-in policy value', () => {
    const src = broken('bargeIn: none }', 'bargeIn: sometimes }');
    const p = parseScript(src).problems[0]!;
    expect(p.path).toMatch(/^\/prompts\/\w+\/bargeIn$/);
    expect(p.line).toBe(lineOf(src, 'sometimes'));
    expect(p.column).toBe(src.split('\n')[p.line - 1]!.indexOf('sometimes') + 1);
  });

  it('rejects a misspelt node key as a schema error', () => {
    const src = broken('      affirmative: { consent: true, goto: close_ok }', '      affirmative: { consent: true, goto: close_okay }')
      .replace('    prompt: close_no\n', '    prompt: close_nope\n')
      .replace('    prompt: retain_intro\n    question: retain_intro_ask\n    intents:', '    prompt: retain_intro\n    question: retain_intro_ask\n    unused_intents:');
    const r = parseScript(src);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.code)).toContain('schema');
  });

  it('reports every graph problem with its place', () => {
    const src = broken('      affirmative: { consent: true, goto: close_ok }', '      affirmative: { consent: true, goto: close_okay }').replace(
      '    prompt: close_no\n',
      '    prompt: close_nope\n',
    );
    const r = parseScript(src);
    const codes = r.problems.map((p) => `${p.code}@${p.line}`);
    expect(codes).toContain(`unknown_node@${lineOf(src, 'close_okay')}`);
    expect(codes).toContain(`missing_prompt@${lineOf(src, 'close_nope')}`);
    expect(r.problems.some((p) => p.code === 'unreachable_node' && p.path === '/nodes/close_ok')).toBe(true);
    expect(r.problems.some((p) => p.code === 'unused_prompt' && p.path === '/prompts/close_ok')).toBe(false);
  });

  it('finds overlapping keywords between intents of one node', () => {
    const src = broken('    keywords: [不需要, 不用了,', '    keywords: [可以, 不需要, 不用了,');
    const r = parseScript(src);
    expect(r.problems.filter((p) => p.code === 'overlapping_keywords').length).toBeGreaterThan(0);
    expect(r.ok).toBe(false);
  });

  it('warns about a keyword shadowed by a higher-priority intent', () => {
    const src = broken('    keywords: [可以, 可以的,', '    keywords: [转人工, 可以, 可以的,');
    const r = parseScript(src);
    expect(r.ok).toBe(true);
    expect(r.problems.find((p) => p.code === 'rule_never_fires')?.message).toContain("'转人工'");
  });

  it('finds a node without an exit and one without branches', () => {
    const src = broken('      negative: { goto: close_no, reason: refused }\n  intro_1:', '      negative: { goto: retain_open }\n  intro_1:')
      .replace('      affirmative: { goto: intro_1 }\n      unrecognised: { goto: intro_1 }\n      negative: { goto: retain_open }', '      affirmative: { goto: retain_open }\n      unrecognised: { goto: retain_open }\n      negative: { goto: retain_open }');
    const r = parseScript(src);
    expect(r.problems.find((p) => p.code === 'no_exit')?.path).toBe('/nodes/retain_open');
    const noBranches = parseScript(broken('    consent: true\n    intents:', '    consent: true\n    end_: x\n    intents:'));
    expect(noBranches.problems[0]?.message).toBe("unknown key 'end_'");
  });

  it('locates a bad grading expression inside its string', () => {
    const src = broken('when: consent and kbQuestions >= 1', 'when: consent and kbQuestion >= 1');
    const p = parseScript(src).problems.find((x) => x.code === 'bad_expression')!;
    expect(p.message).toContain("unknown fact 'kbQuestion'");
    expect(p.line).toBe(lineOf(src, 'kbQuestion >='));
    expect(p.column).toBe(src.split('\n')[p.line - 1]!.indexOf('kbQuestion') + 1);
  });

  it('flags grading rules after the catch-all and an invalid regex', () => {
    const src = `${broken("(?<amount>[一二两三四五六七八九十百千\\d]+万)", '(?<amount>[')}  - grade: A\n    when: consent\n    reason: never\n`;
    const r = parseScript(src);
    expect(r.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['bad_regex', 'rule_never_fires']));
  });
});

describe('script.schema.json', () => {
  it('is in sync with the zod schema (regenerate: npm run -s script -- schema > services/dialogue/scripts/script.schema.json)', async () => {
    const { scriptJsonSchema } = await import('./schema.ts');
    const committed = JSON.parse(fs.readFileSync(fromRoot('services/dialogue/scripts/script.schema.json'), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(scriptJsonSchema())));
  });
});
