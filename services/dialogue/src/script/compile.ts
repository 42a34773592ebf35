import { compileExpr, type Predicate } from '../grading/expr.ts';
import { PhraseMatcher, type Entry, type RegexEntry } from '../classify/matcher.ts';
import type { Grade, MatchSpec, Script } from './schema.ts';

const LIST_KEYS = ['keywords', 'phrases', 'synonyms', 'examples'] as const;

export interface CompiledPrompt {
  id: string;
  text: string;
  recording: string;
  bargeIn: 'none' | 'speech' | 'keywords';
  minSpeechMs: number;
}

export interface GradingRule {
  grade: Grade;
  reason: string;
  when: Predicate;
}

/** A script ready to run: matchers per context precompiled so a decision is a scan and a lookup. */
export interface CompiledScript {
  id: string;
  version: number;
  script: Script;
  prompts: ReadonlyMap<string, CompiledPrompt>;
  /** Matcher for replies at a main-line node. */
  nodeMatchers: ReadonlyMap<string, PhraseMatcher>;
  /** Matcher for replies to a side-dialogue step, keyed "<sideId>/<stepIndex>". */
  stepMatchers: ReadonlyMap<string, PhraseMatcher>;
  /** Words that may cut a `keywords`-policy prompt short at a node: refusals and priority intents. */
  interruptKeywords: ReadonlyMap<string, readonly string[]>;
  grading: readonly GradingRule[];
}

/** Every word of a match spec, tagged with category and the YAML place it came from. */
export function entriesOf(spec: MatchSpec | undefined, category: string, source: string): Entry[] {
  if (!spec) return [];
  const out: Entry[] = [];
  for (const key of LIST_KEYS) for (const word of spec[key] ?? []) out.push({ category, word, source: `${source}.${key}` });
  return out;
}

/** Regex specs stay strings until compile time, so the validator can list a script with a broken one. */
interface RegexSpec {
  category: string;
  source: string;
  pattern: string;
}

export function regexesOf(spec: MatchSpec | undefined, category: string, source: string): RegexSpec[] {
  return (spec?.regexes ?? []).map((pattern, i) => ({ category, source: `${source}.regexes[${i}]`, pattern }));
}

function matcherOf({ entries, regexes }: { entries: Entry[]; regexes: RegexSpec[] }): PhraseMatcher {
  const compiled: RegexEntry[] = regexes.map((r) => ({ category: r.category, source: r.source, regex: new RegExp(r.pattern, 'u') }));
  return new PhraseMatcher(entries, compiled);
}

/** Entries every context shares: specials (opt-out, wrong number, transfer), knowledge base, neutral words, fillers. */
function globalEntries(s: Script): { entries: Entry[]; regexes: RegexSpec[] } {
  const entries: Entry[] = [];
  const regexes: RegexSpec[] = [];
  for (const [name, spec] of Object.entries(s.special)) {
    entries.push(...entriesOf(spec, name, `special.${name}`));
    regexes.push(...regexesOf(spec, name, `special.${name}`));
  }
  for (const [kbId, kb] of Object.entries(s.knowledgeBase)) {
    entries.push(...entriesOf(kb, `kb:${kbId}`, `knowledgeBase.${kbId}`));
    regexes.push(...regexesOf(kb, `kb:${kbId}`, `knowledgeBase.${kbId}`));
  }
  entries.push(...entriesOf(s.lexicon.neutral, 'neutral', 'lexicon.neutral'));
  entries.push(...entriesOf(s.settings.fillers, 'filler', 'settings.fillers'));
  return { entries, regexes };
}

/** All entries a reply at `nodeId` is scanned with. */
export function nodeEntries(s: Script, nodeId: string): { entries: Entry[]; regexes: RegexSpec[] } {
  const g = globalEntries(s);
  const entries = [...g.entries];
  const regexes = [...g.regexes];
  for (const [sideId, side] of Object.entries(s.sideDialogues)) {
    entries.push(...entriesOf(side.trigger, `side:${sideId}`, `sideDialogues.${sideId}.trigger`));
    regexes.push(...regexesOf(side.trigger, `side:${sideId}`, `sideDialogues.${sideId}.trigger`));
  }
  for (const intent of ['affirmative', 'negative'] as const) {
    entries.push(...entriesOf(s.lexicon[intent], intent, `lexicon.${intent}`));
    regexes.push(...regexesOf(s.lexicon[intent], intent, `lexicon.${intent}`));
    const local = s.nodes[nodeId]?.intents?.[intent];
    entries.push(...entriesOf(local, intent, `nodes.${nodeId}.intents.${intent}`));
    regexes.push(...regexesOf(local, intent, `nodes.${nodeId}.intents.${intent}`));
  }
  entries.push(...entriesOf(s.lexicon.negators, 'negator', 'lexicon.negators'));
  return { entries, regexes };
}

export function stepEntries(s: Script, sideId: string, stepIndex: number): { entries: Entry[]; regexes: RegexSpec[] } {
  const g = globalEntries(s);
  const step = s.sideDialogues[sideId]!.steps[stepIndex]!;
  const base = `sideDialogues.${sideId}.steps[${stepIndex}].values`;
  for (const [value, spec] of Object.entries(step.values)) {
    g.entries.push(...entriesOf(spec, `value:${value}`, `${base}.${value}`));
    g.regexes.push(...regexesOf(spec, `value:${value}`, `${base}.${value}`));
  }
  return g;
}

/** Categories that cut a `keywords` prompt short: refusals and the intents that outrank them (the session uses the same set for finals). */
const isInterrupting = (category: string): boolean => ['optout', 'wrongNumber', 'transfer', 'negative'].includes(category) || category.startsWith('kb:');

export function compileScript(script: Script, version: number): CompiledScript {
  const prompts = new Map<string, CompiledPrompt>();
  for (const [id, p] of Object.entries(script.prompts)) {
    prompts.set(id, { id, text: p.text ?? '', recording: p.recording ?? id, bargeIn: p.bargeIn, minSpeechMs: p.minSpeechMs ?? 0 });
  }
  const nodeMatchers = new Map<string, PhraseMatcher>();
  const interruptKeywords = new Map<string, readonly string[]>();
  for (const nodeId of Object.keys(script.nodes)) {
    const spec = nodeEntries(script, nodeId);
    nodeMatchers.set(nodeId, matcherOf(spec));
    const entries = spec.entries;
    interruptKeywords.set(nodeId, [...new Set(entries.filter((e) => isInterrupting(e.category)).map((e) => e.word))]);
  }
  const stepMatchers = new Map<string, PhraseMatcher>();
  for (const [sideId, side] of Object.entries(script.sideDialogues)) {
    side.steps.forEach((_, i) => {
      stepMatchers.set(`${sideId}/${i}`, matcherOf(stepEntries(script, sideId, i)));
    });
  }
  const grading = script.grading.map((r) => ({ grade: r.grade, reason: r.reason, when: compileExpr(r.when) }));
  return { id: script.id, version, script, prompts, nodeMatchers, stepMatchers, interruptKeywords, grading };
}
