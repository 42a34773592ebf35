import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * Callee personas: who answers which number and how they behave, declared in YAML
 * (personas/demo-*.yaml). Everything here is data; the behaviour lives in callee-brain.ts.
 */

export function normaliseNumber(n: string): string {
  return n.replace(/[\s()-]/g, '');
}

const slug = z.string().regex(/^[a-z0-9-]+$/, 'clip slug: lowercase letters, digits and -');
const ms = z.number().int().min(0).max(600_000);

/** One exchange: what the callee does while (`interrupt`/`backchannel`) and after a robot prompt. */
const turnShape = z
  .object({
    /** Reply this clip once the prompt has ended and the robot stayed quiet for the gap. */
    say: slug.optional(),
    /** Barge in with this clip `at` ms after the prompt started playing. */
    interrupt: slug.optional(),
    /** Say this clip `at` ms into the prompt without meaning to take the turn (must not interrupt). */
    backchannel: slug.optional(),
    at: ms.optional(),
    /** Let this prompt go by without a word. */
    silent: z.literal(true).optional(),
    /** Hang up once the prompt has ended (after the gap). */
    hangup: z.literal(true).optional(),
    /** Answer on the keypad instead of speaking (after the gap). */
    press: z.string().regex(/^[0-9*#]$/, 'press: one keypad digit 0-9, * or #').optional(),
    /** Override the persona's gap before replying. */
    gapMs: ms.optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const during = [t.interrupt, t.backchannel].filter(Boolean).length;
    const after = [t.say, t.silent, t.hangup, t.press].filter(Boolean).length;
    if (during > 1) ctx.addIssue({ code: 'custom', message: 'a turn has either interrupt or backchannel, not both' });
    if (after > 1) ctx.addIssue({ code: 'custom', message: 'a turn ends with one of say, press, silent, hangup' });
    if (during === 0 && after === 0) ctx.addIssue({ code: 'custom', message: 'a turn needs say, press, interrupt, backchannel, silent or hangup' });
    if (during === 1 && t.at === undefined) ctx.addIssue({ code: 'custom', message: 'interrupt/backchannel need `at` (ms into the prompt)' });
    if (during === 0 && t.at !== undefined) ctx.addIssue({ code: 'custom', message: '`at` only applies to interrupt/backchannel' });
    if (t.interrupt && after > 0) ctx.addIssue({ code: 'custom', message: 'an interrupt takes the turn: put the next reply in the next turn' });
  });

const carrierShape = z
  .object({
    outcome: z.enum(['answer', 'machine', 'busy', 'no-answer', 'fail']),
    /** How long the phone rings before the outcome (no-answer: until the dialer's Timeout at most). */
    ringMs: ms.default(2000),
  })
  .strict();

const personaShape = z
  .object({
    number: z.string().transform(normaliseNumber).pipe(z.string().regex(/^\+?[0-9]{5,15}$/, 'phone number: optional + and 5–15 digits')),
    name: z.string().min(1),
    /** What this callee is here to exercise, in words. */
    persona: z.string().min(1),
    /** The grade the script should give this callee (documentation for the demo and tests). */
    expectGrade: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).optional(),
    carrier: carrierShape,
    /** Hang up this many ms after answering, whatever is happening. */
    hangupAfterMs: ms.optional(),
    turns: z.array(turnShape).default([]),
  })
  .strict();

const personaFileShape = z
  .object({
    language: z.enum(['zh', 'en']),
    /** Seed for the human-like gaps (mixed with each callee's name and persona), so a campaign replays identically. */
    seed: z.number().int().default(1),
    gapMs: z.tuple([ms, ms]).default([400, 900]),
    callees: z.array(personaShape).min(1),
  })
  .strict();

export type Turn = z.infer<typeof turnShape>;
export type Persona = z.infer<typeof personaShape>;
export type PersonaFile = z.infer<typeof personaFileShape>;

/** A persona ready to dial: its file-level settings resolved. */
export interface ResolvedPersona extends Persona {
  language: 'zh' | 'en';
  seed: number;
  gapMs: [number, number];
}

export class PersonaError extends Error {
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'PersonaError';
  }
}

/** Validate a parsed persona file; `clipExists(lang, slug)` checks every referenced clip. */
export function parsePersonaFile(data: unknown, where: string, clipExists: (lang: string, slug: string) => boolean): ResolvedPersona[] {
  const parsed = personaFileShape.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PersonaError(where, `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const file = parsed.data;
  if (file.gapMs[0] > file.gapMs[1]) throw new PersonaError(where, `gapMs [${file.gapMs.join(', ')}] is not [min, max]`);
  return file.callees.map((p, i) => {
    p.turns.forEach((t, j) => {
      for (const clip of [t.say, t.interrupt, t.backchannel]) {
        if (clip && !clipExists(file.language, clip)) throw new PersonaError(where, `callees.${i}.turns.${j}: no ${file.language} clip "${clip}"`);
      }
    });
    return { ...p, language: file.language, seed: file.seed, gapMs: file.gapMs };
  });
}

/** Lookup key for a number: its digits, so `+86 138…` and `86138…` reach the same callee. */
export function numberKey(n: string): string {
  return n.replace(/\D/g, '');
}

/** Index personas by number key; a number listed twice is an error, not a silent override. */
export function indexPersonas(lists: { where: string; personas: ResolvedPersona[] }[]): Map<string, ResolvedPersona> {
  const byNumber = new Map<string, ResolvedPersona>();
  const source = new Map<string, string>();
  for (const { where, personas } of lists) {
    for (const p of personas) {
      const key = numberKey(p.number);
      const earlier = source.get(key);
      if (earlier) throw new PersonaError(where, `number ${p.number} is already used in ${earlier}`);
      byNumber.set(key, p);
      source.set(key, where);
    }
  }
  return byNumber;
}

export function loadPersonaFile(file: string, clipExists: (lang: string, slug: string) => boolean): ResolvedPersona[] {
  let data: unknown;
  try {
    data = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PersonaError(file, (err as Error).message);
  }
  return parsePersonaFile(data, file, clipExists);
}
