import fc from 'fast-check';
import { fuzzTargets } from '../src/framing/fuzz-targets.ts';

/**
 * `npm run fuzz [-- --runs N]`: every fuzz target with N runs each (default 100 000; with 13
 * targets and up to 12 messages per run that is well over 1 M inputs). Prints one JSON line.
 */
const i = process.argv.indexOf('--runs');
const runs = i > 0 ? Number(process.argv[i + 1]) : 100_000;
const targets = fuzzTargets(new URL('../test/fixtures/framings/', import.meta.url));
const results: Array<{ target: string; runs: number; ms: number; ok: boolean; error?: string }> = [];
for (const t of targets) {
  const t0 = performance.now();
  try {
    fc.assert(t.property(), { numRuns: runs });
    results.push({ target: t.name, runs, ms: Math.round(performance.now() - t0), ok: true });
  } catch (err) {
    results.push({ target: t.name, runs, ms: Math.round(performance.now() - t0), ok: false, error: (err as Error).message.slice(0, 2000) });
  }
  process.stderr.write(`${t.name}: ${results.at(-1)!.ok ? 'ok' : 'FAILED'} (${results.at(-1)!.ms} ms)\n`);
}
const failed = results.filter((r) => !r.ok);
for (const f of failed) process.stderr.write(`${f.target}\n${f.error}\n`);
console.log(JSON.stringify({ targets: results.length, runsPerTarget: runs, totalRuns: runs * results.length, failures: failed.length }));
process.exit(failed.length ? 1 : 0);
