/**
 * The Grafana dashboard, as code: `node --import tsx deploy/k8s/monitoring/grafana/dashboard.ts`
 * rewrites voicebot-dashboard.json next to it (a test fails when the two differ). Two halves:
 * the call latency budget (barge-in, response, ASR final, decision, answer → audio; by pod and
 * framing) and campaigns (dial level, answer rate, abandon ratio, grades).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Panel = Record<string, unknown>;

const DS = { type: 'prometheus', uid: '${datasource}' };
const NS = 'namespace="$namespace"';
const POD = `${NS}, pod=~"$pod"`;

let nextId = 1;
const grid = { x: 0, y: 0 };

function place(w: number, h: number): { x: number; y: number; w: number; h: number } {
  if (grid.x + w > 24) {
    grid.x = 0;
    grid.y += h;
  }
  const pos = { x: grid.x, y: grid.y, w, h };
  grid.x += w;
  return pos;
}

function row(title: string): Panel {
  grid.x = 0;
  grid.y += 8;
  const panel = { id: nextId++, type: 'row', title, collapsed: false, gridPos: { x: 0, y: grid.y, w: 24, h: 1 }, panels: [] };
  grid.y += 1;
  return panel;
}

interface Target {
  expr: string;
  legend: string;
}

function timeseries(title: string, description: string, unit: string, targets: Target[], opts: { w?: number; threshold?: number; stack?: boolean } = {}): Panel {
  return {
    id: nextId++,
    type: 'timeseries',
    title,
    description,
    datasource: DS,
    gridPos: place(opts.w ?? 8, 8),
    fieldConfig: {
      defaults: {
        unit,
        custom: {
          drawStyle: 'line',
          lineWidth: 1,
          fillOpacity: opts.stack ? 30 : 5,
          stacking: { mode: opts.stack ? 'normal' : 'none' },
          // The SLO as a red line on the graph.
          thresholdsStyle: { mode: opts.threshold === undefined ? 'off' : 'line' },
        },
        thresholds: {
          mode: 'absolute',
          steps: [{ color: 'green', value: null }, ...(opts.threshold === undefined ? [] : [{ color: 'red', value: opts.threshold }])],
        },
      },
      overrides: [],
    },
    options: { legend: { displayMode: 'table', placement: 'bottom', calcs: ['mean', 'max', 'lastNotNull'] }, tooltip: { mode: 'multi' } },
    targets: targets.map((t, i) => ({ datasource: DS, refId: String.fromCharCode(65 + i), expr: t.expr, legendFormat: t.legend })),
  };
}

function stat(title: string, description: string, unit: string, expr: string, threshold: number): Panel {
  return {
    id: nextId++,
    type: 'stat',
    title,
    description,
    datasource: DS,
    gridPos: place(4, 4),
    fieldConfig: {
      defaults: { unit, thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: threshold }] } },
      overrides: [],
    },
    options: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'background', graphMode: 'area' },
    targets: [{ datasource: DS, refId: 'A', expr }],
  };
}

const q = (quantile: number, metric: string, by: string, selector = POD): string =>
  `histogram_quantile(${quantile}, sum by (${by ? `${by}, ` : ''}le) (rate(${metric}_bucket{${selector}}[$__rate_interval])))`;

/** p50/p95 overall, p95 by pod, p95 by framing (when the histogram has a framing label). */
function latencyPanels(title: string, metric: string, sloSeconds: number, what: string, framing: boolean): Panel[] {
  const framingSel = `${POD}, framing=~"$framing"`;
  const panels = [
    timeseries(`${title} p50 / p95 / p99`, `${what} SLO: p95 ≤ ${sloSeconds * 1000} ms.`, 's', [
      { expr: q(0.5, metric, '', framing ? framingSel : POD), legend: 'p50' },
      { expr: q(0.95, metric, '', framing ? framingSel : POD), legend: 'p95' },
      { expr: q(0.99, metric, '', framing ? framingSel : POD), legend: 'p99' },
    ], { threshold: sloSeconds }),
    timeseries(`${title} p95 by pod`, `${what} One line per pod: a single hot pod points at its node or its ASR workers.`, 's', [
      { expr: q(0.95, metric, 'pod', framing ? framingSel : POD), legend: '{{pod}}' },
    ], { threshold: sloSeconds }),
  ];
  if (framing) {
    panels.push(
      timeseries(`${title} p95 by framing`, `${what} One line per carrier framing: a single slow framing points at its adapter or its carrier's network.`, 's', [
        { expr: q(0.95, metric, 'framing', framingSel), legend: '{{framing}}' },
      ], { threshold: sloSeconds }),
    );
  } else {
    panels.push(
      timeseries(`${title} rate`, `${what} Observations per second.`, 'ops', [
        { expr: `sum(rate(${metric}_count{${POD}}[$__rate_interval]))`, legend: 'per second' },
      ]),
    );
  }
  return panels;
}

export function dashboard(): Record<string, unknown> {
  nextId = 1;
  grid.x = 0;
  grid.y = -8;
  const campaign = `${NS}, campaign=~"$campaign"`;
  const panels: Panel[] = [
    row('Latency budget — summary'),
    stat('Barge-in p95', 'Callee speech onset → playback stopped and carrier flush sent. SLO 150 ms.', 's', 'voicebot:media_bargein_latency_seconds:p95_5m{namespace="$namespace"}', 0.15),
    stat('Response p95', 'End of callee utterance → first frame of the next prompt. SLO 600 ms.', 's', 'voicebot:media_response_latency_seconds:p95_5m{namespace="$namespace"}', 0.6),
    stat('ASR final p95', 'End of speech → final transcript.', 's', 'voicebot:media_asr_final_latency_seconds:p95_5m{namespace="$namespace"}', 0.4),
    stat('Decision p99', 'Dialogue: event in → command out. SLO 5 ms.', 's', 'voicebot:dialogue_decision_seconds:p99_5m{namespace="$namespace"}', 0.005),
    stat('Answer → audio p95', 'Call answered → first robot audio. Abandoned-call rules require audio within 2 s.', 's', 'voicebot:dialer_answer_to_audio_seconds:p95_5m{namespace="$namespace"}', 2),
    stat('Active calls', 'Calls held by all media pods.', 'none', 'voicebot:media_active_calls:sum{namespace="$namespace"}', 1e9),
    row('Barge-in'),
    ...latencyPanels('Barge-in', 'voicebot_media_bargein_latency_seconds', 0.15, 'Callee speech onset (stream time) → playback stopped and carrier flush sent.', true),
    row('Response'),
    ...latencyPanels('Response', 'voicebot_media_response_latency_seconds', 0.6, 'End of callee utterance → first frame of the robot’s next prompt sent.', true),
    row('ASR final'),
    ...latencyPanels('ASR final', 'voicebot_media_asr_final_latency_seconds', 0.4, 'End of speech → final transcript available.', false),
    row('Dialogue decision'),
    ...latencyPanels('Decision', 'voicebot_dialogue_decision_seconds', 0.005, 'Dialogue: media event in → command out.', false),
    row('Answer → audio'),
    ...latencyPanels('Answer → audio', 'voicebot_dialer_answer_to_audio_seconds', 2, 'Call answered → first robot audio frame (evidence for the abandoned-call rules).', false),
    row('Media load and ASR workers'),
    timeseries('Active calls by pod', 'What the HPA scales on (voicebot_media_active_calls, target per pod in the production overlay).', 'none', [
      { expr: `sum by (pod) (voicebot_media_active_calls{${POD}})`, legend: '{{pod}}' },
    ], { stack: true }),
    timeseries('Free ASR slots by pod', 'Calls each pod can still take. Zero everywhere: answered calls will be abandoned.', 'none', [
      { expr: `sum by (pod) (voicebot_media_asr_free_slots{${POD}})`, legend: '{{pod}}' },
    ], { stack: true }),
    timeseries('ASR backlog', 'Largest unanalysed audio backlog of any call on the pod. Above a second, barge-in and transcripts are late.', 's', [
      { expr: `max by (pod) (voicebot_media_asr_backlog_seconds{${POD}})`, legend: '{{pod}}' },
    ], { threshold: 1 }),
    timeseries('ASR workers: queue and restarts', 'Calls waiting for a (re)starting worker, and worker replacements (each one a transcript gap).', 'none', [
      { expr: `max by (pod) (voicebot_media_asr_worker_queue_depth{${POD}})`, legend: 'waiting {{pod}}' },
      { expr: `sum by (pod) (increase(voicebot_media_asr_worker_restarts_total{${POD}}[$__rate_interval]))`, legend: 'restarts {{pod}}' },
    ]),
    timeseries('Rejected carrier frames', 'Inbound carrier messages rejected, by framing and reason.', 'ops', [
      { expr: `sum by (framing, reason) (rate(voicebot_media_rejected_frames_total{${POD}}[$__rate_interval]))`, legend: '{{framing}} {{reason}}' },
    ], { w: 16 }),
    row('Errors and backpressure'),
    timeseries('Calls ended, by party', 'Who ended the calls media held: callee, robot, network (a dropped stream) or system (drain, errors).', 'none', [
      { expr: `sum by (party) (increase(voicebot_media_calls_total{${POD}}[$__rate_interval]))`, legend: '{{party}}' },
    ], { stack: true }),
    timeseries('Media errors', 'Converse streams to dialogue that failed, prompts that could not be loaded, outbound audio refused by a slow carrier socket.', 'none', [
      { expr: `sum(increase(voicebot_media_dialogue_stream_errors_total{${POD}}[$__rate_interval]))`, legend: 'dialogue stream errors' },
      { expr: `sum(increase(voicebot_media_prompt_errors_total{${POD}}[$__rate_interval]))`, legend: 'prompt errors' },
      { expr: `sum by (framing) (increase(voicebot_media_outbound_dropped_total{${POD}}[$__rate_interval]))`, legend: 'outbound dropped {{framing}}' },
    ]),
    timeseries('Dialer deliveries', 'Carrier status callbacks by result, CRM webhooks by result, dialogue → dialer outbox backlog.', 'none', [
      { expr: `sum by (result) (increase(voicebot_dialer_status_callbacks_total{${NS}}[$__rate_interval]))`, legend: 'callback {{result}}' },
      { expr: `sum by (result) (increase(voicebot_dialer_crm_webhooks_total{${NS}}[$__rate_interval]))`, legend: 'CRM {{result}}' },
      { expr: `max(voicebot_dialogue_outbox_pending{${NS}})`, legend: 'dialogue outbox pending' },
    ]),
    row('Campaigns'),
    timeseries('Dial level', 'Lines dialed per free robot slot, as the pacer sets it.', 'none', [
      { expr: `max by (campaign) (voicebot_dialer_dial_level{${campaign}})`, legend: '{{campaign}}' },
    ]),
    timeseries('Answer rate', 'Live-answered / dialed, over the pacer’s recent window.', 'percentunit', [
      { expr: `max by (campaign) (voicebot_dialer_answer_rate_ratio{${campaign}})`, legend: '{{campaign}}' },
    ]),
    timeseries('Rolling abandon ratio', 'Each campaign’s rolling abandon ratio under its rule (FCC 30 days / Ofcom 24 h). Red line: the 3 % limit; the alert fires at 2.4 %.', 'percentunit', [
      { expr: `max by (campaign) (voicebot_dialer_abandon_ratio{${campaign}})`, legend: '{{campaign}}' },
    ], { threshold: 0.03 }),
    timeseries('Grades', 'Finished calls graded A–F per hour (dialogue), by grade.', 'none', [
      { expr: `sum by (grade) (increase(voicebot_dialogue_calls_total{${NS}, script=~"$script"}[1h]))`, legend: '{{grade}}' },
    ], { stack: true, w: 8 }),
    timeseries('Calls by outcome', 'Dial attempts ended per minute, by outcome (answered, no answer, busy, machine, failed, abandoned, …).', 'none', [
      { expr: `sum by (outcome) (increase(voicebot_dialer_calls_total{${NS}}[1m]))`, legend: '{{outcome}}' },
    ], { stack: true, w: 8 }),
    timeseries('Robot capacity seen by the dialer', 'Free robot slots the media instances report to the pacer, next to calls in progress.', 'none', [
      { expr: `max(voicebot_dialer_free_robot_slots{${NS}})`, legend: 'free slots (dialer view)' },
      { expr: `sum(voicebot_media_active_calls{${NS}})`, legend: 'active calls (media)' },
    ], { w: 8 }),
    timeseries('Compliance blocks', 'Leads blocked at claim time, by reason (do-not-call, hours, frequency cap, consent, …).', 'none', [
      { expr: `sum by (reason) (increase(voicebot_dialer_blocks_total{${NS}}[$__rate_interval]))`, legend: '{{reason}}' },
    ], { stack: true, w: 12 }),
    timeseries('Consents and opt-outs', 'Verbal consents and opt-outs recorded by dialogue.', 'none', [
      { expr: `sum(increase(voicebot_dialogue_consents_total{${NS}}[$__rate_interval]))`, legend: 'consents' },
      { expr: `sum(increase(voicebot_dialogue_opt_outs_total{${NS}}[$__rate_interval]))`, legend: 'opt-outs' },
    ], { w: 12 }),
  ];
  const variable = (name: string, label: string, query: string, multi: boolean): Record<string, unknown> => ({
    name,
    label,
    type: 'query',
    datasource: DS,
    query: { query, refId: name },
    definition: query,
    refresh: 2,
    includeAll: multi,
    multi,
    allValue: multi ? '.*' : undefined,
    current: multi ? { text: 'All', value: '$__all' } : {},
    sort: 1,
  });
  return {
    uid: 'voicebot-latency-campaigns',
    title: 'Voicebot — latency budget and campaigns',
    tags: ['voicebot'],
    timezone: 'browser',
    schemaVersion: 39,
    version: 1,
    editable: true,
    refresh: '30s',
    time: { from: 'now-3h', to: 'now' },
    annotations: { list: [] },
    templating: {
      list: [
        { name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus', current: {} },
        variable('namespace', 'Namespace', 'label_values(voicebot_media_active_calls, namespace)', false),
        variable('pod', 'Pod', 'label_values(up{namespace="$namespace", pod=~"voicebot-.*"}, pod)', true),
        variable('framing', 'Framing', 'label_values(voicebot_media_bargein_latency_seconds_count{namespace="$namespace"}, framing)', true),
        variable('campaign', 'Campaign', 'label_values(voicebot_dialer_dial_level{namespace="$namespace"}, campaign)', true),
        variable('script', 'Script', 'label_values(voicebot_dialogue_calls_total{namespace="$namespace"}, script)', true),
      ],
    },
    panels,
  };
}

export const DASHBOARD_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'voicebot-dashboard.json');

export function renderDashboard(): string {
  return `${JSON.stringify(dashboard(), null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(DASHBOARD_FILE, renderDashboard());
  console.log(`wrote ${DASHBOARD_FILE}`);
}
