import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '@voicebot/common';
import { loadScript } from '../script/load.ts';
import { parseCases, runCase } from './test-cases.ts';

for (const id of ['loan-zh', 'loan-en']) {
  describe(`${id} reference cases`, () => {
    const { compiled } = loadScript(fs.readFileSync(fromRoot(`services/dialogue/scripts/${id}.yaml`), 'utf8'), 1);
    const { cases, errors } = parseCases(fs.readFileSync(fromRoot(`services/dialogue/scripts/${id}.cases.jsonl`), 'utf8'));

    it('parses every case', () => {
      expect(errors).toEqual([]);
      if (id === 'loan-zh') expect(cases.length).toBeGreaterThanOrEqual(40);
    });

    it('covers every grade', () => {
      const grades = new Set(cases.map((c) => runCase(compiled, c).grade));
      expect([...grades].sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    });

    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      expect(runCase(compiled, c).failures).toEqual([]);
    });
  });
}

describe('loan-zh coverage', () => {
  it('plays every prompt of the script in some case', () => {
    const { compiled } = loadScript(fs.readFileSync(fromRoot('services/dialogue/scripts/loan-zh.yaml'), 'utf8'), 1);
    const { cases } = parseCases(fs.readFileSync(fromRoot('services/dialogue/scripts/loan-zh.cases.jsonl'), 'utf8'));
    const played = new Set<string>();
    for (const c of cases) {
      const r = runCase(compiled, c);
      for (const p of r.path) played.add(p);
    }
    const reask = new Set(Object.values(compiled.script.nodes).map((n) => n.question).filter(Boolean));
    // Re-ask prompts appear in the path under their node's id; the transfer fallback needs an empty
    // target; the abandoned-call message is played by the dialer, never in a conversation.
    const missing = [...compiled.prompts.keys()].filter((p) => !played.has(p) && !reask.has(p) && p !== 'transfer_callback' && p !== compiled.script.settings.abandonPrompt);
    expect(missing).toEqual([]);
  });
});
