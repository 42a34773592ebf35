import { normalizeText } from './normalize.ts';

/** One word or phrase the matcher looks for, tagged with what it means. */
export interface Entry {
  /** Category such as "affirmative", "negative", "optout", "kb:kb_rate", "side:purpose", "value:装修". */
  category: string;
  /** The word as written in the script (for explanations). */
  word: string;
  /** Where it was declared, e.g. "lexicon.affirmative.keywords". */
  source: string;
}

export interface Hit extends Entry {
  start: number;
  end: number;
}

interface Compiled extends Entry {
  text: string;
  latin: boolean;
}

export interface RegexEntry {
  category: string;
  source: string;
  regex: RegExp;
}

export interface RegexHit {
  category: string;
  source: string;
  match: string;
  groups: Record<string, string>;
}

const WORD_CHAR = /[\p{Script=Latin}0-9']/u;
const LATIN = /[a-z]/;

/**
 * Longest-match scanner over normalised text. At each position the longest entry wins and
 * consumes its characters, which is what keeps 不需要 from also being read as 需要 and
 * 不是不想 (neutral) from being read as 不想 (negative). English entries only match on word
 * boundaries; Chinese entries match as substrings.
 */
export class PhraseMatcher {
  private readonly byFirst = new Map<string, Compiled[]>();

  constructor(entries: readonly Entry[], private readonly regexes: readonly RegexEntry[] = []) {
    for (const e of entries) {
      const text = normalizeText(e.word);
      if (!text) continue;
      const first = text[0]!;
      const list = this.byFirst.get(first) ?? [];
      list.push({ ...e, text, latin: LATIN.test(text) });
      this.byFirst.set(first, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.text.length - a.text.length);
  }

  scan(text: string): Hit[] {
    const hits: Hit[] = [];
    let i = 0;
    while (i < text.length) {
      const hit = this.longestAt(text, i);
      if (hit) {
        hits.push(hit);
        i = hit.end;
      } else {
        i++;
      }
    }
    return hits;
  }

  scanRegexes(text: string): RegexHit[] {
    const out: RegexHit[] = [];
    for (const r of this.regexes) {
      const m = r.regex.exec(text);
      if (m) out.push({ category: r.category, source: r.source, match: m[0], groups: { ...(m.groups ?? {}) } });
    }
    return out;
  }

  private longestAt(text: string, i: number): Hit | undefined {
    const candidates = this.byFirst.get(text[i]!);
    if (!candidates) return undefined;
    for (const c of candidates) {
      if (!text.startsWith(c.text, i)) continue;
      const end = i + c.text.length;
      if (c.latin && ((i > 0 && WORD_CHAR.test(text[i - 1]!)) || (end < text.length && WORD_CHAR.test(text[end]!)))) continue;
      return { category: c.category, word: c.word, source: c.source, start: i, end };
    }
    return undefined;
  }
}
