import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@voicebot/common/paths';
import { renderDashboard } from '../../deploy/k8s/monitoring/grafana/dashboard.ts';
import { build } from './lib/kustomize.ts';
import { adapterRules, dashboardJson, expressions, owner, prometheusRule, recordedMetrics, selectedMetrics, serviceMetrics, syntaxError } from './lib/metric-refs.ts';

const rules = prometheusRule().groups.flatMap((g) => g.rules);
const alerts = rules.filter((r) => r.alert);
const records = new Set(rules.filter((r) => r.record).map((r) => r.record!));
const runbook = fs.readFileSync(path.join(REPO_ROOT, 'deploy/k8s/RUNBOOK.md'), 'utf8');

describe('selectedMetrics', () => {
  it('finds selected series and skips functions, labels, groupings, ranges and strings', () => {
    expect(
      selectedMetrics('histogram_quantile(0.95, sum by (pod, le) (rate(voicebot_media_x_bucket{job=~"a_b"}[5m]))) > 0.1 and on (pod) up == 0 or voicebot:y:z'),
    ).toEqual(['voicebot_media_x_bucket', 'up', 'voicebot:y:z']);
    expect(selectedMetrics('label_values(up{namespace="$namespace", pod=~"x"}, pod)')).toEqual(['up']);
  });

  it('reports where an expression stops being PromQL', () => {
    expect(syntaxError('sum(rate(x[$__rate_interval]))')).toBeNull();
    expect(syntaxError('sum(rate(x[5m])')).toMatch(/^syntax error at/);
    expect(syntaxError('sum by (<<.GroupBy>>) (x{<<.LabelMatchers>>})')).toBeNull();
  });
});

describe('PrometheusRule', () => {
  it('has recording rules named level:metric:operation and SLO alerts', () => {
    for (const r of records) expect(r).toMatch(/^voicebot:[a-z0-9_]+:[a-z0-9_]+$/);
    expect(records.size).toBeGreaterThanOrEqual(8);
    const names = alerts.map((a) => a.alert!);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'VoicebotBargeInLatencyHigh', 'VoicebotResponseLatencyHigh', 'VoicebotAbandonRatioNearLimit',
        'VoicebotAsrBacklog', 'VoicebotAsrWorkerRestarts',
      ]),
    );
  });

  it('gives every alert a severity, a summary, a description and a runbook paragraph', () => {
    for (const a of alerts) {
      expect(['warning', 'critical'], a.alert).toContain(a.labels?.severity);
      expect(a.annotations?.summary, a.alert).toBeTruthy();
      expect(a.annotations?.description, a.alert).toBeTruthy();
      expect(a.annotations?.runbook_url, a.alert).toBe(`deploy/k8s/RUNBOOK.md#${a.alert!.toLowerCase()}`);
      expect(runbook, `RUNBOOK.md section for ${a.alert}`).toMatch(new RegExp(`^## ${a.alert}\\n\\n\\S`, 'm'));
      if (a.for) expect(a.for, a.alert).toMatch(/^\d+[smh]$/);
    }
    const sections = [...runbook.matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
    expect(sections.sort(), 'RUNBOOK sections without an alert').toEqual(alerts.map((a) => a.alert).sort());
  });

  it('is valid PromQL everywhere and uses only recording rules it defines', () => {
    for (const { where, expr } of expressions()) {
      expect(syntaxError(expr), where).toBeNull();
      for (const r of recordedMetrics(expr)) expect(records.has(r), `${where} uses undefined ${r}`).toBe(true);
    }
  });

  it('selects only service metrics (voicebot_<media|dialogue|dialer>_…), recording rules and "up"', () => {
    for (const { where, expr } of expressions()) {
      for (const m of selectedMetrics(expr)) {
        if (m.startsWith('voicebot:')) continue;
        if (m === 'up') continue; // Prometheus' own per-target series
        expect(m, where).toMatch(/^voicebot_(media|dialogue|dialer)_[a-z0-9_]+$/);
        expect(serviceMetrics(expr), where).toContain(m);
        expect(['media', 'dialogue', 'dialer']).toContain(owner(m));
      }
    }
  });
});

describe('Grafana dashboard', () => {
  const dash = dashboardJson();

  it('is what dashboard.ts generates (edit the generator, then run it)', () => {
    const committed = fs.readFileSync(path.join(REPO_ROOT, 'deploy/k8s/monitoring/grafana/voicebot-dashboard.json'), 'utf8');
    expect(committed).toBe(renderDashboard());
  });

  it('shows the whole latency budget by pod and framing, and the campaign figures', () => {
    const exprs = dash.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)).join('\n');
    for (const m of [
      'voicebot_media_bargein_latency_seconds', 'voicebot_media_response_latency_seconds', 'voicebot_media_asr_final_latency_seconds',
      'voicebot_dialogue_decision_seconds', 'voicebot_dialer_answer_to_audio_seconds',
    ]) {
      expect(exprs, m).toContain(`${m}_bucket`);
      expect(exprs, `${m} by pod`).toMatch(new RegExp(`sum by \\(pod, le\\) \\(rate\\(${m}_bucket`));
    }
    for (const m of ['voicebot_media_bargein_latency_seconds', 'voicebot_media_response_latency_seconds']) {
      expect(exprs, `${m} by framing`).toMatch(new RegExp(`sum by \\(framing, le\\) \\(rate\\(${m}_bucket`));
    }
    for (const m of ['voicebot_dialer_dial_level', 'voicebot_dialer_answer_rate_ratio', 'voicebot_dialer_abandon_ratio', 'voicebot_dialogue_calls_total']) {
      expect(exprs, m).toContain(m);
    }
  });

  it('has unique panel ids, a datasource and a query on every panel, and known variables', () => {
    const panels = dash.panels as { id: number; type: string; gridPos: { x: number; w: number }; datasource?: unknown; targets?: { expr: string }[] }[];
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    const vars = new Set(dash.templating.list.map((v) => v.name));
    for (const p of panels) {
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      if (p.type === 'row') continue;
      expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(p.targets?.length).toBeGreaterThan(0);
      for (const t of p.targets ?? []) {
        for (const v of t.expr.matchAll(/\$([a-z_]+)/g)) if (!v[1]!.startsWith('_')) expect(vars.has(v[1]!), `$${v[1]}`).toBe(true);
      }
    }
  });

  it('ships as a ConfigMap Grafana\'s sidecar picks up', () => {
    const cm = build(path.join(REPO_ROOT, 'deploy/k8s/monitoring')).find((r) => r.kind === 'ConfigMap')!;
    expect(cm.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
    expect(JSON.parse((cm.data as Record<string, string>)['voicebot.json']!).uid).toBe('voicebot-latency-campaigns');
  });
});

describe('Prometheus Adapter rule', () => {
  it('serves every custom metric an HPA scales on, per pod', () => {
    const hpas = build(path.join(REPO_ROOT, 'deploy/k8s/overlays/production')).filter((r) => r.kind === 'HorizontalPodAutoscaler');
    const wanted = hpas.flatMap((h) =>
      ((h.spec as { metrics: { type: string; pods?: { metric: { name: string } } }[] }).metrics)
        .filter((m) => m.type === 'Pods')
        .map((m) => m.pods!.metric.name),
    );
    expect(wanted).toEqual(['voicebot_media_active_calls']);
    const served = adapterRules();
    for (const name of wanted) {
      const rule = served.find((r) => r.name.as === name);
      expect(rule, name).toBeDefined();
      expect(rule!.seriesQuery).toMatch(new RegExp(`^${name}\\{.*pod!="".*\\}$`));
    }
  });
});
