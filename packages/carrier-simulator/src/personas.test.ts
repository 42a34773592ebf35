import { describe, expect, it } from 'vitest';
import { DEMO_PERSONA_FILES, loadClips } from './index.ts';
import { indexPersonas, loadPersonaFile, parsePersonaFile, type ResolvedPersona } from './personas.ts';

const clips = loadClips();
const exists = (l: string, s: string) => clips.has(l, s);

describe('persona files', () => {
  it('the Chinese demo lists at least 24 callees driving every grade and carrier outcome', () => {
    const personas = loadPersonaFile(DEMO_PERSONA_FILES.zh, exists);
    expect(personas.length).toBeGreaterThanOrEqual(24);
    expect(new Set(personas.map((p) => p.expectGrade).filter(Boolean))).toEqual(new Set(['A', 'B', 'C', 'D', 'E', 'F']));
    expect(new Set(personas.map((p) => p.carrier.outcome))).toEqual(new Set(['answer', 'machine', 'busy', 'no-answer']));
    const turns = personas.flatMap((p) => p.turns);
    expect(turns.some((t) => t.interrupt)).toBe(true);
    expect(turns.some((t) => t.backchannel)).toBe(true);
    expect(personas.some((p) => p.hangupAfterMs !== undefined)).toBe(true);
    expect(indexPersonas([{ where: 'zh', personas }]).size).toBe(personas.length);
  });

  const base = { language: 'zh', callees: [{ number: '+8613800000001', name: 'x', persona: 'y', carrier: { outcome: 'answer' }, turns: [] as unknown[] }] };
  const withTurns = (turns: unknown[]) => ({ ...base, callees: [{ ...base.callees[0], turns }] });

  it('resolves defaults and normalises numbers', () => {
    const [p] = parsePersonaFile({ ...base, callees: [{ ...base.callees[0], number: '+86 138-0000-0001' }] }, 'f.yaml', exists);
    expect(p).toMatchObject({ number: '+8613800000001', language: 'zh', seed: 1, gapMs: [400, 900], carrier: { outcome: 'answer', ringMs: 2000 } });
  });

  it.each([
    [withTurns([{ say: 'no-such-clip' }]), /f.yaml: callees.0.turns.0: no zh clip "no-such-clip"/],
    [withTurns([{ interrupt: 'keyi' }]), /need `at`/],
    [withTurns([{ say: 'keyi', at: 5 }]), /`at` only applies/],
    [withTurns([{ say: 'keyi', hangup: true }]), /one of say, press, silent, hangup/],
    [withTurns([{ press: '12' }]), /one keypad digit/],
    [withTurns([{ interrupt: 'keyi', at: 10, say: 'keyi' }]), /interrupt takes the turn/],
    [withTurns([{}]), /a turn needs/],
    [withTurns([{ shout: 'keyi' }]), /shout/],
    [{ ...base, callees: [{ ...base.callees[0], carrier: { outcome: 'maybe' } }] }, /callees.0.carrier.outcome/],
    [{ ...base, callees: [{ ...base.callees[0], number: 'abc' }] }, /phone number/],
    [{ ...base, gapMs: [900, 400] }, /not \[min, max\]/],
    [{ ...base, language: 'fr' }, /language/],
  ])('rejects bad persona files with the place named (%#)', (data, message) => {
    expect(() => parsePersonaFile(data, 'f.yaml', exists)).toThrow(message);
  });

  it('refuses the same number in two files', () => {
    const [p] = parsePersonaFile(base, 'a.yaml', exists) as [ResolvedPersona];
    expect(() => indexPersonas([{ where: 'a.yaml', personas: [p] }, { where: 'b.yaml', personas: [p] }])).toThrow(/b.yaml: number \+8613800000001 is already used in a.yaml/);
  });
});

describe('English demo personas', () => {
  it('load and drive every grade', () => {
    const personas = loadPersonaFile(DEMO_PERSONA_FILES.en, exists);
    expect(new Set(personas.map((p) => p.expectGrade).filter(Boolean))).toEqual(new Set(['A', 'B', 'C', 'D', 'E', 'F']));
  });
});
