import type { CampaignStats__Output } from '@voicebot/common/generated/voicebot/v1/CampaignStats';
import type { CallRecord__Output } from '@voicebot/common/generated/voicebot/v1/CallRecord';
import { percentile, round1 } from './percentile.ts';

export const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type GradeLetter = (typeof GRADES)[number];

/** What the carrier simulator measured from its side of the calls. */
export interface CarrierMeasurements {
  bargeInLatenciesMs: number[];
  responseLatenciesMs: number[];
  errors: string[];
}

/** The line `npm start -- --once --json` prints; field names are part of the CLI contract. */
export interface DemoSummaryJson {
  calls: number;
  answered: number;
  completed: number;
  abandoned: number;
  grades: Record<GradeLetter, number>;
  bargeIns: number;
  bargeInP95Ms: number;
  responseP95Ms: number;
  optOuts: number;
  errors: number;
}

export interface DemoSummary {
  json: DemoSummaryJson;
  bargeInP50Ms: number;
  responseP50Ms: number;
  errorMessages: string[];
}

export function gradeLetter(grade: string): GradeLetter | undefined {
  const m = /^GRADE_([A-F])$/.exec(grade);
  return m ? (m[1] as GradeLetter) : undefined;
}

/**
 * Folds the dialer's campaign statistics, the dialogue's call records and the carrier's own
 * measurements into the demo summary. Grades come from the call records (the source of truth);
 * errors count every call that should have a graded record and has none, plus carrier errors.
 */
export function summarise(stats: CampaignStats__Output, records: CallRecord__Output[], carrier: CarrierMeasurements, extraErrors: string[] = []): DemoSummary {
  const grades = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<GradeLetter, number>;
  for (const r of records) {
    const letter = gradeLetter(r.grade);
    if (letter) grades[letter]++;
  }
  const errorMessages = [...carrier.errors, ...extraErrors];
  const graded = records.filter((r) => gradeLetter(r.grade)).length;
  if (graded < stats.answered) errorMessages.push(`${stats.answered - graded} answered call(s) without a graded call record`);
  if (stats.failed > 0) errorMessages.push(`${stats.failed} call(s) failed at the carrier`);
  return {
    json: {
      calls: stats.attempts,
      answered: stats.answered,
      completed: stats.completed,
      abandoned: stats.abandoned,
      grades,
      bargeIns: carrier.bargeInLatenciesMs.length,
      bargeInP95Ms: round1(percentile(carrier.bargeInLatenciesMs, 95)),
      responseP95Ms: round1(percentile(carrier.responseLatenciesMs, 95)),
      optOuts: stats.opt_outs,
      errors: errorMessages.length,
    },
    bargeInP50Ms: round1(percentile(carrier.bargeInLatenciesMs, 50)),
    responseP50Ms: round1(percentile(carrier.responseLatenciesMs, 50)),
    errorMessages,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat(widths[i]! - displayWidth(c))).join('  ')).join('\n');
}

/** Terminal columns of a string: CJK characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export interface CallLine {
  callee: string;
  persona: string;
  outcome: string;
  grade: string;
  path: string;
  said: string;
}

export function renderSummary(s: DemoSummary, calls: CallLine[], metricsUrls: Record<string, string>): string {
  const j = s.json;
  const out: string[] = [];
  if (calls.length) {
    out.push('Calls');
    out.push(table([['callee', 'persona', 'outcome', 'grade', 'path', 'callee said'], ...calls.map((c) => [c.callee, c.persona, c.outcome, c.grade, c.path, c.said])]));
    out.push('');
  }
  out.push('Summary');
  out.push(
    table([
      ['calls dialed', String(j.calls)],
      ['answered', String(j.answered)],
      ['completed', String(j.completed)],
      ['abandoned', String(j.abandoned)],
      ['grades', GRADES.map((g) => `${g}:${j.grades[g]}`).join(' ')],
      ['opt-outs', String(j.optOuts)],
      ['barge-ins', String(j.bargeIns)],
      ['barge-in latency p50 / p95', `${s.bargeInP50Ms} ms / ${j.bargeInP95Ms} ms`],
      ['response latency p50 / p95', `${s.responseP50Ms} ms / ${j.responseP95Ms} ms`],
      ['errors', String(j.errors)],
    ]),
  );
  for (const e of s.errorMessages) out.push(`  error: ${e}`);
  out.push('');
  out.push('Metrics');
  for (const [name, url] of Object.entries(metricsUrls)) out.push(`  ${name.padEnd(10)} ${url}`);
  return out.join('\n');
}

/** One progress line: a bar over leads finished plus live call states. */
export function renderProgress(stats: CampaignStats__Output, elapsedMs: number): string {
  const total = Math.max(1, stats.leads_total);
  const done = stats.leads_done;
  const width = 24;
  const filled = Math.round((done / total) * width);
  const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
  return `[${bar}] ${done}/${stats.leads_total} leads  dialed ${stats.attempts}  ringing ${stats.ringing}  in call ${stats.in_call}  completed ${stats.completed}  abandoned ${stats.abandoned}  ${(elapsedMs / 1000).toFixed(0)}s`;
}
