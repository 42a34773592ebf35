import fs from 'node:fs';
import path from 'node:path';
import { compileExpr, ExprError, isAlwaysTrue } from '../grading/expr.ts';
import { normalizeText } from '../classify/normalize.ts';
import { entriesOf, nodeEntries } from './compile.ts';
import type { Action, Script } from './schema.ts';

export type Severity = 'error' | 'warning';

/** A problem found in a structurally valid script, located by its path in the document. */
export interface GraphProblem {
  path: (string | number)[];
  code: string;
  message: string;
  severity: Severity;
  /** Character offset inside the scalar at `path` (grading expressions). */
  offset?: number;
}

export interface CheckOptions {
  /** When set, every prompt's recording must exist as <dir>/<recording>.wav (warning otherwise). */
  recordingsDir?: string;
}

const PRIORITY_CATEGORIES = ['optout', 'wrongNumber', 'transfer', 'kb', 'side', 'negative', 'affirmative'];

function rank(category: string): number {
  const head = category.split(':')[0]!;
  const i = PRIORITY_CATEGORIES.indexOf(head);
  return i < 0 ? PRIORITY_CATEGORIES.length : i;
}

/** Semantic checks: references, graph shape (reachability, dead ends, exits), keyword overlaps, grading rules. */
export function checkGraph(s: Script, opts: CheckOptions = {}): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const add = (p: (string | number)[], code: string, message: string, severity: Severity = 'error', offset?: number): void => {
    problems.push({ path: p, code, message, severity, ...(offset !== undefined ? { offset } : {}) });
  };
  const usedPrompts = new Set<string>();
  const needPrompt = (id: string | undefined, p: (string | number)[]): void => {
    if (id === undefined) return;
    usedPrompts.add(id);
    if (!s.prompts[id]) add(p, 'missing_prompt', `prompt '${id}' is not defined under prompts`);
  };
  const needNode = (id: string, p: (string | number)[]): boolean => {
    if (s.nodes[id]) return true;
    add(p, 'unknown_node', `node '${id}' is not defined under nodes`);
    return false;
  };
  needPrompt(s.settings.abandonPrompt, ['settings', 'abandonPrompt']);

  if (!s.nodes[s.start]) add(['start'], 'unknown_node', `start node '${s.start}' is not defined under nodes`);

  // Edges for reachability / exit analysis; 'EXIT' stands for any hang-up or transfer.
  const edges = new Map<string, Set<string>>();
  const edge = (from: string, to: string): void => {
    const set = edges.get(from) ?? new Set<string>();
    set.add(to);
    edges.set(from, set);
  };

  const checkAction = (a: Action, from: string, p: (string | number)[]): void => {
    const targets = [a.goto, a.retain, a.repeat, a.hangUp].filter((t) => t !== undefined);
    if (targets.length === 0) add(p, 'dead_end', 'action has no goto, retain, repeat or hangUp: the call would be stuck');
    if (targets.length > 1) add(p, 'ambiguous_action', 'use exactly one of goto, retain, repeat, hangUp (put the fallback under otherwise)');
    if (a.goto && needNode(a.goto, [...p, 'goto'])) edge(from, a.goto);
    if (a.retain) {
      if (needNode(a.retain, [...p, 'retain'])) edge(from, a.retain);
      const stage = s.nodes[from]?.stage;
      if (stage && (s.stages[stage]?.retentionLimit ?? 0) === 0) {
        add([...p, 'retain'], 'rule_never_fires', `stage '${stage}' has retentionLimit 0: this retention branch can never be taken`, 'warning');
      }
    }
    if (a.repeat) {
      needPrompt(a.repeat, [...p, 'repeat']);
      edge(from, from);
    }
    if (a.hangUp) {
      needPrompt(a.say, [...p, 'say']);
      edge(from, 'EXIT');
    }
    if ((a.retain || a.repeat) && !a.otherwise) add(p, 'missing_otherwise', 'retain/repeat needs an otherwise branch for when its budget is spent');
    if (a.otherwise) checkAction(a.otherwise, from, [...p, 'otherwise']);
  };

  for (const [id, node] of Object.entries(s.nodes)) {
    const p = ['nodes', id];
    if (!s.stages[node.stage]) add([...p, 'stage'], 'unknown_stage', `stage '${node.stage}' is not defined under stages`);
    needPrompt(node.prompt, [...p, 'prompt']);
    needPrompt(node.question, [...p, 'question']);
    if (node.end) {
      edge(id, 'EXIT');
      if (node.intents) add([...p, 'intents'], 'rule_never_fires', 'a terminal node (end) never reads replies: its intents never fire', 'warning');
      continue;
    }
    if (!node.intents) {
      add(p, 'dead_end', `node '${id}' has neither intents nor end: the call would be stuck`);
      continue;
    }
    if (node.consent && !node.intents.affirmative?.consent) {
      add([...p, 'consent'], 'consent_not_recorded', `node '${id}' asks for consent but its affirmative branch does not record it (consent: true)`, 'warning');
    }
    for (const intent of ['affirmative', 'negative', 'unrecognised'] as const) {
      const a = node.intents[intent];
      if (!a) add([...p, 'intents'], 'missing_branch', `node '${id}' has no '${intent}' branch`);
      else {
        checkAction(a, id, [...p, 'intents', intent]);
        if (a.consent && intent !== 'affirmative') {
          add([...p, 'intents', intent, 'consent'], 'rule_never_fires', 'consent is only recorded from an affirmative answer', 'warning');
        }
      }
    }
  }

  for (const [name, sp] of Object.entries(s.special)) {
    const p = ['special', name];
    if (!sp) continue;
    needPrompt(sp.say, [...p, 'say']);
    needPrompt(sp.fallback, [...p, 'fallback']);
    if (entriesOf(sp, name, '').length === 0 && !sp.regexes?.length) add(p, 'rule_never_fires', `special '${name}' has no keywords, phrases or regexes`, 'warning');
  }
  for (const [kbId, kb] of Object.entries(s.knowledgeBase)) {
    needPrompt(kb.answer, ['knowledgeBase', kbId, 'answer']);
    if (entriesOf(kb, kbId, '').length === 0 && !kb.regexes?.length) add(['knowledgeBase', kbId], 'rule_never_fires', `knowledge-base entry '${kbId}' has no keywords, phrases or regexes`);
  }
  for (const [sideId, side] of Object.entries(s.sideDialogues)) {
    side.steps.forEach((step, i) => {
      needPrompt(step.prompt, ['sideDialogues', sideId, 'steps', i, 'prompt']);
      if (step.default !== undefined && !Object.hasOwn(step.values, step.default)) {
        add(['sideDialogues', sideId, 'steps', i, 'default'], 'unknown_value', `default '${step.default}' is not one of the values`, 'warning');
      }
    });
  }
  if (s.noInput) {
    needPrompt(s.noInput.prompt, ['noInput', 'prompt']);
    needPrompt(s.noInput.then.say, ['noInput', 'then', 'say']);
  }
  for (const [digit, intent] of Object.entries(s.dtmf)) {
    if ((intent === 'transfer' || intent === 'optout') && !s.special[intent]) {
      add(['dtmf', digit], 'unknown_intent', `dtmf '${digit}' maps to '${intent}' but special.${intent} is not defined`);
    }
  }

  // Regexes compile.
  const checkRegexes = (list: string[] | undefined, p: (string | number)[]): void => {
    list?.forEach((r, i) => {
      try {
        new RegExp(r, 'u');
      } catch (err) {
        add([...p, 'regexes', i], 'bad_regex', `invalid regular expression: ${(err as Error).message}`);
      }
    });
  };
  for (const [k, v] of Object.entries(s.lexicon)) checkRegexes(v?.regexes, ['lexicon', k]);
  for (const [k, v] of Object.entries(s.special)) checkRegexes(v?.regexes, ['special', k]);
  for (const [k, v] of Object.entries(s.knowledgeBase)) checkRegexes(v.regexes, ['knowledgeBase', k]);
  for (const [k, v] of Object.entries(s.sideDialogues)) checkRegexes(v.trigger.regexes, ['sideDialogues', k, 'trigger']);

  // Reachability from start.
  if (s.nodes[s.start]) {
    const seen = new Set<string>([s.start]);
    const queue = [s.start];
    while (queue.length) for (const next of edges.get(queue.shift()!) ?? []) if (next !== 'EXIT' && !seen.has(next)) (seen.add(next), queue.push(next));
    for (const id of Object.keys(s.nodes)) if (!seen.has(id)) add(['nodes', id], 'unreachable_node', `node '${id}' cannot be reached from start '${s.start}'`, 'warning');
    // Every reachable node must be able to reach an exit (a cycle without exit would loop forever).
    const canExit = new Set<string>(['EXIT']);
    let changed = true;
    while (changed) {
      changed = false;
      for (const [from, tos] of edges) if (!canExit.has(from) && [...tos].some((t) => canExit.has(t))) (canExit.add(from), (changed = true));
    }
    for (const id of seen) if (!canExit.has(id) && s.nodes[id]?.intents) add(['nodes', id], 'no_exit', `from node '${id}' no path leads to a hang-up: a cycle without exit`);
  }

  // Keyword overlaps and shadowing per node.
  for (const id of Object.keys(s.nodes)) {
    if (s.nodes[id]!.end) continue;
    const byWord = new Map<string, { category: string; source: string }[]>();
    for (const e of nodeEntries(s, id).entries) {
      const w = normalizeText(e.word);
      const list = byWord.get(w) ?? [];
      if (!list.some((x) => x.category === e.category)) list.push({ category: e.category, source: e.source });
      byWord.set(w, list);
    }
    for (const [word, list] of byWord) {
      if (list.length < 2) continue;
      const cats = list.map((x) => x.category);
      if (cats.includes('affirmative') && cats.includes('negative')) {
        add(['nodes', id], 'overlapping_keywords', `'${word}' is both affirmative and negative at node '${id}' (${list.map((x) => x.source).join(', ')})`);
        continue;
      }
      const sorted = [...list].sort((a, b) => rank(a.category) - rank(b.category));
      const loser = sorted.slice(1).filter((x) => rank(x.category) < PRIORITY_CATEGORIES.length);
      if (loser.length) {
        add(['nodes', id], 'rule_never_fires', `'${word}' in ${loser.map((x) => x.source).join(', ')} never fires at node '${id}': ${sorted[0]!.source} takes precedence`, 'warning');
      }
    }
  }

  // Grading rules compile, and nothing follows an always-true rule.
  let catchAll = -1;
  s.grading.forEach((rule, i) => {
    try {
      compileExpr(rule.when);
    } catch (err) {
      if (err instanceof ExprError) add(['grading', i, 'when'], 'bad_expression', err.message, 'error', err.offset);
      else throw err;
    }
    if (catchAll >= 0) add(['grading', i], 'rule_never_fires', `grading rule ${i + 1} follows the catch-all rule ${catchAll + 1} and never fires`, 'warning');
    if (catchAll < 0 && isAlwaysTrue(rule.when)) catchAll = i;
  });
  if (catchAll < 0) add(['grading'], 'no_catch_all', 'no grading rule is always true: calls matching none are graded E', 'warning');

  // Prompts: text or recording, used somewhere, recording present.
  for (const [id, p] of Object.entries(s.prompts)) {
    if (!p.text && !p.recording) add(['prompts', id], 'missing_prompt_text', `prompt '${id}' has neither text nor recording`);
    if (!usedPrompts.has(id)) add(['prompts', id], 'unused_prompt', `prompt '${id}' is never played`, 'warning');
    if (opts.recordingsDir) {
      const file = path.join(opts.recordingsDir, `${p.recording ?? id}.wav`);
      if (!fs.existsSync(file)) add(['prompts', id], 'missing_recording', `recording ${file} does not exist`, 'warning');
    }
  }
  return problems;
}

