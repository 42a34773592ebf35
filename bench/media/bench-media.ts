import { arg, flag, textArg } from './args.ts';
import { type LoadOptions, percentile, runLoad } from './load.ts';

/**
 * `npm run bench:media -- --calls N --seconds S [--json] [--framings twilio,telnyx,plivo] [--no-echo-gate]`
 * Last line of stdout: the JSON summary.
 */
const calls = arg('calls', 50);
const seconds = arg('seconds', 60);
const json = flag('json');
const framings = textArg('framings', 'twilio,telnyx,plivo').split(',') as LoadOptions['framings'];
const env: Record<string, string> = {};
if (flag('no-echo-gate')) env.VOICEBOT_MEDIA_ECHO_GATE = 'false';
if (flag('no-energy-gate')) env.VOICEBOT_MEDIA_ENERGY_GATE_DBFS = '-120';

const r = await runLoad({ calls, seconds, framings, mediaEnv: env, log: (l) => (json ? undefined : process.stderr.write(`[media] ${l}\n`)) });
const summary = {
  calls,
  seconds,
  bargeInP50Ms: Math.round(percentile(r.bargeInLatenciesMs, 50)),
  bargeInP95Ms: Math.round(percentile(r.bargeInLatenciesMs, 95)),
  bargeInP99Ms: Math.round(percentile(r.bargeInLatenciesMs, 99)),
  falseBargeIns: r.falseBargeIns,
  responseP95Ms: Math.round(percentile(r.responseLatenciesMs, 95)),
  framesDropped: r.framesDropped,
  cpuPct: Math.round(r.cpuPct),
  rssMb: Math.round(r.rssMb),
};
if (!json) {
  const gate = /voicebot_media_vad_windows_total\{outcome="(\w+)"[^}]*\} (\d+)/g;
  const windows = Object.fromEntries([...r.serverMetrics.matchAll(gate)].map((m) => [m[1], Number(m[2])]));
  console.log(
    JSON.stringify(
      {
        prompts: r.prompts,
        bargeInsExpected: r.bargeInsExpected,
        bargeInsMeasured: r.bargeInLatenciesMs.length,
        missedBargeIns: r.missedBargeIns,
        falseBargeInRatio: r.prompts ? +(r.falseBargeIns / r.prompts).toFixed(4) : 0,
        responseP50Ms: Math.round(percentile(r.responseLatenciesMs, 50)),
        responses: r.responseLatenciesMs.length,
        frameLatenessP95Ms: Math.round(percentile(r.frameLatenessMs, 95)),
        lateFrames: r.frameLatenessMs.length,
        vadWindows: windows,
        workerBusy: [...r.serverMetrics.matchAll(/voicebot_media_asr_worker_busy_ratio\{[^}]*worker="(\d+)"[^}]*\} ([0-9.e-]+)/g)].map((m) => +Number(m[2]).toFixed(2)),
        asrBacklogSeconds: Number(/^voicebot_media_asr_backlog_seconds(?:\{[^}]*\})? ([0-9.e+-]+)$/m.exec(r.serverMetrics)?.[1] ?? 0),
        serverBargeInP95: 'see voicebot_media_bargein_latency_seconds',
        callsCompleted: r.callsCompleted,
        errors: r.errors.slice(0, 5),
      },
      null,
      1,
    ),
  );
}
console.log(JSON.stringify(summary));
