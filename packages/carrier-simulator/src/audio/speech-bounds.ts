/**
 * Where the speech in a clip starts and ends. The simulator measures barge-in and response
 * latency from the moment speech (not the clip's padding) went on the wire, so it needs these
 * offsets; the synthesiser uses the same rule to trim espeak's own padding.
 */
export interface SpeechBounds {
  /** First sample that belongs to speech. */
  start: number;
  /** One past the last sample that belongs to speech; `start === end` for a silent clip. */
  end: number;
}

/** A sample counts as speech when it exceeds 2 % of the clip's peak (and a floor of −50 dBFS). */
export function speechBounds(samples: Int16Array): SpeechBounds {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const a = Math.abs(samples[i]!);
    if (a > peak) peak = a;
  }
  const threshold = Math.max(100, peak * 0.02);
  let start = 0;
  while (start < samples.length && Math.abs(samples[start]!) <= threshold) start++;
  if (start === samples.length) return { start: 0, end: 0 };
  let end = samples.length;
  while (end > start && Math.abs(samples[end - 1]!) <= threshold) end--;
  return { start, end };
}
