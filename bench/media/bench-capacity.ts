import { arg, flag } from './args.ts';
import { percentile, runLoad } from './load.ts';

/**
 * `npm run bench:capacity [-- --json --step-seconds S --start N --step N --max N]`: ramps the
 * number of concurrent calls (a fresh media process per step) until barge-in p95 exceeds 300 ms
 * or the ASR backlog grows (> 1 s of unanalysed audio on a call). Missed and false barge-ins are
 * printed per step.
 * Last line: {"maxCalls":N,"bargeInP95MsAtMax":x,"cpuPctAtMax":x}.
 */
const json = flag('json');
const stepSeconds = arg('step-seconds', 30);
const start = arg('start', 20);
const step = arg('step', 20);
const max = arg('max', 200);

function metric(text: string, name: string): number {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

let best = { maxCalls: 0, bargeInP95MsAtMax: 0, cpuPctAtMax: 0 };
for (let calls = start; calls <= max; calls += step) {
  const r = await runLoad({ calls, seconds: stepSeconds, framings: ['twilio', 'telnyx', 'plivo'] });
  const p95 = percentile(r.bargeInLatenciesMs, 95);
  const missed = r.bargeInsExpected ? r.missedBargeIns / r.bargeInsExpected : 0;
  const backlog = metric(r.serverMetrics, 'voicebot_media_asr_backlog_seconds');
  const ok = r.bargeInLatenciesMs.length > 0 && p95 <= 300 && backlog <= 1;
  if (!json) process.stderr.write(`${calls} calls: barge-in p95 ${Math.round(p95)} ms, missed ${(missed * 100).toFixed(0)} %, false ${r.falseBargeIns}/${r.prompts}, backlog ${backlog.toFixed(2)} s, cpu ${Math.round(r.cpuPct)} %, rss ${Math.round(r.rssMb)} MB → ${ok ? 'ok' : 'limit'}\n`);
  if (!ok) break;
  best = { maxCalls: calls, bargeInP95MsAtMax: Math.round(p95), cpuPctAtMax: Math.round(r.cpuPct) };
}
console.log(JSON.stringify(best));
