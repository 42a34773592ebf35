/**
 * Barge-in as a pure decision: given the prompt's policy and what the callee is doing, interrupt
 * or not. The caller acts on `interrupt` by stopping playout AND sending the framing's flush.
 */
export type BargeInMode = 'none' | 'speech' | 'keywords';

export interface BargeInPolicy {
  mode: BargeInMode;
  minSpeechMs: number;
  keywords: readonly string[];
}

export type BargeInSignal =
  /** The callee has been speaking for `speechMs`; `nearEndRatio` is the echo gate's share of frames judged to be the callee's own voice. */
  | { kind: 'speech'; speechMs: number; nearEndRatio: number }
  | { kind: 'transcript'; text: string; final: boolean; nearEndRatio: number };

export type BargeInDecision = { interrupt: false } | { interrupt: true; reason: 'barge_in_speech' | 'barge_in_keyword'; matched?: string };

/** Short acknowledgements that show the callee is listening; they never stop a prompt. */
export const BACKCHANNELS: readonly string[] = ['嗯', '对', '好', '啊', '哦', '是', '嗯嗯', '对对', '好的', '是的', '噢', '喔', 'uh-huh', 'uh huh', 'mhm', 'mm-hmm', 'mm', 'yeah', 'yes', 'ok', 'okay', 'right', 'sure'];

/** Minimum share of the utterance's frames that must be the callee's voice rather than our echo. */
export const NEAR_END_MIN_RATIO = 0.5;

const PUNCT = /[\s,.!?;:'"，。！？；：、…·~～\-]+/g;

function normalise(text: string): string {
  return text.toLowerCase().replace(PUNCT, ' ').trim();
}

/** True when every word of the text is a backchannel (嗯嗯 好 对对 / "uh-huh yeah"). */
export function isBackchannel(text: string): boolean {
  const n = normalise(text);
  if (!n) return true;
  const words = new Set(BACKCHANNELS.map(normalise));
  return n.split(' ').every((w) => {
    if (words.has(w)) return true;
    // CJK runs have no spaces: accept runs that split entirely into backchannel words.
    return /^[\u3400-\u9fff]+$/.test(w) && segmentsInto(w, words);
  });
}

function segmentsInto(run: string, words: Set<string>): boolean {
  const ok = new Array<boolean>(run.length + 1).fill(false);
  ok[0] = true;
  for (let i = 1; i <= run.length; i++) {
    for (let j = Math.max(0, i - 4); j < i && !ok[i]; j++) ok[i] = ok[j]! && words.has(run.slice(j, i));
  }
  return ok[run.length]!;
}

export function matchKeyword(text: string, keywords: readonly string[]): string | undefined {
  const n = normalise(text);
  const compact = n.replace(/ /g, '');
  for (const k of keywords) {
    const kn = normalise(k);
    if (!kn) continue;
    // Latin keywords match whole words; CJK keywords match anywhere in the unspaced text.
    if (/^[\x00-\x7f]+$/.test(kn) ? ` ${n} `.includes(` ${kn} `) : compact.includes(kn.replace(/ /g, ''))) return k;
  }
  return undefined;
}

export function decideInterruption(policy: BargeInPolicy, signal: BargeInSignal): BargeInDecision {
  if (policy.mode === 'none') return { interrupt: false };
  if (signal.nearEndRatio < NEAR_END_MIN_RATIO) return { interrupt: false };
  if (policy.mode === 'speech') {
    if (signal.kind === 'speech') return signal.speechMs >= policy.minSpeechMs ? { interrupt: true, reason: 'barge_in_speech' } : { interrupt: false };
    return { interrupt: false };
  }
  if (signal.kind !== 'transcript' || isBackchannel(signal.text)) return { interrupt: false };
  const matched = matchKeyword(signal.text, policy.keywords);
  return matched ? { interrupt: true, reason: 'barge_in_keyword', matched } : { interrupt: false };
}
