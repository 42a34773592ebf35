import type { Hit, PhraseMatcher, RegexHit } from './matcher.ts';
import { normalizeText } from './normalize.ts';

/** Intents in priority order (opt-out > wrong number > transfer > knowledge base > side dialogue > negative > affirmative > slot value > unrecognised). */
export type IntentKind = 'optout' | 'wrongNumber' | 'transfer' | 'kb' | 'side' | 'negative' | 'affirmative' | 'value' | 'unrecognised';

const PRIORITY: readonly IntentKind[] = ['optout', 'wrongNumber', 'transfer', 'kb', 'side', 'negative', 'affirmative', 'value'];

export interface Classification {
  kind: IntentKind;
  /** kb id, side-dialogue id or slot value, when the kind has one. */
  ref: string;
  /** Script place of the rule that fired, e.g. "lexicon.affirmative.keywords". */
  source: string;
  /** Words of the utterance that made the decision. */
  words: string[];
  /** Named regex groups (slot captures), e.g. amount=五万. */
  captures: Record<string, string>;
  /** A side dialogue also triggered by the same utterance (asked after a knowledge-base answer). */
  alsoSide: string;
  normalized: string;
  /** Human-readable explanation of the decision. */
  explanation: string;
}

export interface ClassifyOptions {
  confidence: number;
  minConfidence: number;
}

interface Candidate {
  kind: IntentKind;
  ref: string;
  source: string;
  words: string[];
  captures: Record<string, string>;
}

function kindOf(category: string): { kind: IntentKind; ref: string } | undefined {
  const colon = category.indexOf(':');
  const head = colon < 0 ? category : category.slice(0, colon);
  const ref = colon < 0 ? '' : category.slice(colon + 1);
  return (PRIORITY as readonly string[]).includes(head) ? { kind: head as IntentKind, ref } : undefined;
}

function unrecognised(normalized: string, explanation: string): Classification {
  return { kind: 'unrecognised', ref: '', source: '', words: [], captures: {}, alsoSide: '', normalized, explanation };
}

/** A negator right before an affirmative word (不可以, 不太方便, not okay) makes it a refusal. */
function applyNegation(hits: Hit[], text: string): Hit[] {
  return hits.map((h, i) => {
    const prev = hits[i - 1];
    if (h.category !== 'affirmative' || !prev || prev.category !== 'negator') return h;
    if (text.slice(prev.end, h.start).trim() !== '') return h;
    return { ...h, category: 'negative', word: `${prev.word}${/[a-z]/.test(prev.word) ? ' ' : ''}${h.word}`, source: `${h.source} negated by ${prev.source}` };
  });
}

/**
 * Classify one utterance against a context's matcher. Deterministic; the result names the rule
 * and words so every decision can be explained in records and in the simulator.
 */
export function classify(matcher: PhraseMatcher, text: string, opts: ClassifyOptions): Classification {
  const normalized = normalizeText(text);
  if (!normalized) return unrecognised(normalized, 'empty utterance');
  if (opts.confidence < opts.minConfidence) {
    return unrecognised(normalized, `ASR confidence ${opts.confidence.toFixed(2)} < ${opts.minConfidence}`);
  }
  const hits: (Hit | RegexHit)[] = applyNegation(matcher.scan(normalized), normalized);
  hits.push(...matcher.scanRegexes(normalized));
  const best = new Map<IntentKind, Candidate>();
  for (const h of hits) {
    const k = kindOf(h.category);
    if (!k) continue;
    const word = 'word' in h ? h.word : h.match;
    const captures = 'groups' in h ? h.groups : {};
    const existing = best.get(k.kind);
    if (!existing) best.set(k.kind, { kind: k.kind, ref: k.ref, source: h.source, words: [word], captures: { ...captures } });
    else if (existing.ref === k.ref) {
      if (!existing.words.includes(word)) existing.words.push(word);
      Object.assign(existing.captures, captures);
    }
  }
  const winner = PRIORITY.map((k) => best.get(k)).find((c) => c !== undefined);
  if (!winner) {
    const onlyFillers = hits.length > 0 && hits.every((h) => h.category === 'filler' || h.category === 'neutral' || h.category === 'negator');
    return unrecognised(normalized, onlyFillers ? 'fillers or neutral words only' : 'no rule matched');
  }
  const side = best.get('side');
  const alsoSide = winner.kind === 'kb' && side ? side.ref : '';
  const captures = { ...(side?.captures ?? {}), ...winner.captures };
  const ref = winner.ref ? `:${winner.ref}` : '';
  return {
    kind: winner.kind,
    ref: winner.ref,
    source: winner.source,
    words: winner.words,
    captures,
    alsoSide,
    normalized,
    explanation: `${winner.kind}${ref} by ${winner.source} on ${winner.words.map((w) => `'${w}'`).join(', ')}`,
  };
}
