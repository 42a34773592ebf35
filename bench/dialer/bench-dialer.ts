/**
 * `npm run bench:dialer [-- --json] [--seed N] [--robots N] [--sweep]`: a simulated day of calling
 * under four pacing controllers in the same run (same seed, same callees): fixed ratio 1.0 and
 * 3.0, a VICIdial-style adaptive controller (VICIdial's defaults: maximum level 3.0, hard limit)
 * and ours. `--sweep` also tunes the VICIdial-style controller (method, maximum level, intensity)
 * and prints its best occupancy within the abandon limit. Last line of stdout: one JSON object.
 */
import { FixedRatioController } from '../../services/dialer/src/pacing/fixed-ratio.ts';
import { PredictiveController } from '../../services/dialer/src/pacing/predictive.ts';
import { VICIDIAL_DEFAULTS, VicidialAdaptiveController } from '../../services/dialer/src/pacing/vicidial-adaptive.ts';
import { DEFAULT_PARAMS, simulate, type SimParams, type SimResult } from './sim.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const json = process.argv.includes('--json');
const params: SimParams = {
  ...DEFAULT_PARAMS,
  seed: Number(arg('seed') ?? DEFAULT_PARAMS.seed),
  robots: Number(arg('robots') ?? DEFAULT_PARAMS.robots),
};

const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;
const summary = (r: SimResult) => ({ abandonRate: round(r.abandonRate), occupancy: round(r.occupancy), callsPerSlotHour: round(r.callsPerSlotHour, 2) });

const runs = {
  ours: simulate(new PredictiveController(), params),
  vicidialStyle: simulate(new VicidialAdaptiveController(), params),
  fixed1: simulate(new FixedRatioController(1), params),
  fixed3: simulate(new FixedRatioController(3), params),
};

if (!json) {
  console.log(`simulated ${params.endHour - params.startHour} h, ${params.robots} robots, CPS ${params.cps}, seed ${params.seed}`);
  console.log('controller      dials   humans  connected  abandoned  abandon%  maxRolling%  occupancy  calls/slot-h');
  for (const [name, r] of Object.entries(runs)) {
    console.log(
      `${name.padEnd(14)} ${String(r.dials).padStart(6)} ${String(r.humans).padStart(8)} ${String(r.connected).padStart(10)} ${String(r.abandoned).padStart(10)}` +
        `  ${(100 * r.abandonRate).toFixed(2).padStart(8)}  ${(100 * r.maxRollingAbandonRate).toFixed(2).padStart(11)}  ${(100 * r.occupancy).toFixed(1).padStart(9)}  ${r.callsPerSlotHour.toFixed(2).padStart(12)}`,
    );
  }
}
if (!json && process.argv.includes('--sweep')) {
  let best: { label: string; r: SimResult } | null = null;
  for (const method of ['hard_limit', 'tapered'] as const) {
    for (const maximumLevel of [1.25, 1.5, 2, 3]) {
      for (const intensity of [-10, 0, 20]) {
        const r = simulate(new VicidialAdaptiveController({ ...VICIDIAL_DEFAULTS, method, maximumLevel, intensity }), params);
        if (r.abandonRate <= params.abandonThreshold && (!best || r.occupancy > best.r.occupancy)) best = { label: `${method} max ${maximumLevel} intensity ${intensity}`, r };
      }
    }
  }
  if (best) console.log(`best tuned vicidialStyle (${best.label}): abandon ${(100 * best.r.abandonRate).toFixed(2)} %, occupancy ${(100 * best.r.occupancy).toFixed(1)} %`);
}
console.log(JSON.stringify(Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, summary(v)]))));
