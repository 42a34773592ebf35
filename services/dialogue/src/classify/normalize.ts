import { toSimplified } from './t2s.ts';

const HAN_GAP = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;
// Apostrophes and hyphens carry meaning in English ("don't", "uh-huh"); every other mark is a separator.
const PUNCTUATION = /[^\p{L}\p{N}'\-\s]+/gu;

/**
 * Canonical form of an utterance (and of every script keyword, so both sides compare alike):
 * NFKC folds full-width forms to half-width, lower case, traditional → simplified Chinese,
 * curly quotes to ', punctuation to spaces, no spaces between Chinese characters.
 */
export function normalizeText(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase())
    .replace(/[’‘`´]/g, "'")
    .replace(PUNCTUATION, ' ')
    .replace(/\s+/g, ' ')
    .replace(HAN_GAP, '')
    .trim();
}
