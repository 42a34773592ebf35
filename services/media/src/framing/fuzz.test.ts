import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fuzzTargets } from './fuzz-targets.ts';

/** CI fuzzing: 12 targets × 4000 runs; the framing targets feed 1–12 messages a run, so the suite covers ≥ 100 k inputs. */
const RUNS = Number(process.env.VOICEBOT_FUZZ_RUNS ?? 4000);
const targets = fuzzTargets(new URL('../../test/fixtures/framings/', import.meta.url));

describe('fuzz: parsers and jitter buffer never throw', () => {
  it.each(targets.map((t) => [t.name, t] as const))('%s', (_name, target) => {
    fc.assert(target.property(), { numRuns: RUNS });
  }, 120_000);
});
