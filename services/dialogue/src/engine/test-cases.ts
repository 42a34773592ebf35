import { z } from 'zod';
import type { CompiledScript } from '../script/compile.ts';
import { simulate, type SimulationResult } from './simulate.ts';

/** One batch case: the callee's replies in order and what the call must come to. Every `expect` key is optional. */
export const testCaseSchema = z
  .object({
    name: z.string().min(1),
    utterances: z.array(z.string()),
    answeredBy: z.string().optional(),
    confidence: z.number().min(0).max(1).optional(),
    expect: z
      .object({
        grade: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).optional(),
        path: z.array(z.string()).optional(),
        consent: z.boolean().optional(),
        optOut: z.boolean().optional(),
        endReason: z.string().optional(),
        slots: z.record(z.string(), z.string()).optional(),
        intents: z.array(z.string()).optional().describe('intents of the replies, in order'),
      })
      .strict()
      .default({}),
  })
  .strict();

export type TestCase = z.output<typeof testCaseSchema>;

export interface CaseResult {
  name: string;
  passed: boolean;
  failures: string[];
  grade: string;
  path: string[];
}

/** Parse a JSONL file of cases; a bad line is reported with its line number. */
export function parseCases(text: string): { cases: TestCase[]; errors: string[] } {
  const cases: TestCase[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      errors.push(`line ${i + 1}: invalid JSON: ${(err as Error).message}`);
      return;
    }
    const parsed = testCaseSchema.safeParse(raw);
    if (parsed.success) cases.push(parsed.data);
    else errors.push(`line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || '(case)'}: ${x.message}`).join('; ')}`);
  });
  return { cases, errors };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function checkCase(c: TestCase, r: SimulationResult): string[] {
  const e = c.expect;
  const failures: string[] = [];
  if (e.grade !== undefined && e.grade !== r.grade) failures.push(`grade: expected ${e.grade}, got ${r.grade} (${r.gradeReason})`);
  if (e.path !== undefined && !same(e.path, r.path)) failures.push(`path: expected ${e.path.join('>')}, got ${r.path.join('>')}`);
  if (e.consent !== undefined && e.consent !== r.consent) failures.push(`consent: expected ${e.consent}, got ${r.consent}`);
  if (e.optOut !== undefined && e.optOut !== r.optedOut) failures.push(`optOut: expected ${e.optOut}, got ${r.optedOut}`);
  if (e.endReason !== undefined && e.endReason !== r.endReason) failures.push(`endReason: expected ${e.endReason}, got ${r.endReason}`);
  if (e.slots !== undefined && !same(e.slots, r.slots)) failures.push(`slots: expected ${JSON.stringify(e.slots)}, got ${JSON.stringify(r.slots)}`);
  if (e.intents !== undefined) {
    const got = r.steps.filter((s) => s.intent).map((s) => s.intent);
    if (!same(e.intents, got)) failures.push(`intents: expected ${e.intents.join(',')}, got ${got.join(',')}`);
  }
  return failures;
}

export function runCase(script: CompiledScript, c: TestCase): CaseResult {
  const r = simulate(script, c.utterances, {
    ...(c.answeredBy !== undefined ? { answeredBy: c.answeredBy } : {}),
    ...(c.confidence !== undefined ? { confidence: c.confidence } : {}),
  });
  const failures = checkCase(c, r);
  return { name: c.name, passed: failures.length === 0, failures, grade: r.grade, path: r.path };
}
