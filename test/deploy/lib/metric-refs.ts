import fs from 'node:fs';
import path from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import YAML from 'yaml';
import { REPO_ROOT } from '@voicebot/common/paths';
import { build } from './kustomize.ts';

/** Where the deploy files use metrics: alert and recording rules, the dashboard, autoscaling. */
export const MONITORING = path.join(REPO_ROOT, 'deploy/k8s/monitoring');

export interface RuleFile {
  groups: { name: string; interval?: string; rules: Rule[] }[];
}
export interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function prometheusRule(): RuleFile {
  const rule = build(MONITORING).find((r) => r.kind === 'PrometheusRule');
  if (!rule) throw new Error('deploy/k8s/monitoring renders no PrometheusRule');
  return rule.spec as unknown as RuleFile;
}

export function dashboardJson(): { panels: { type: string; targets?: { expr: string }[] }[]; templating: { list: { name: string; query?: unknown }[] } } {
  return JSON.parse(fs.readFileSync(path.join(MONITORING, 'grafana/voicebot-dashboard.json'), 'utf8'));
}

export function adapterRules(): { seriesQuery: string; metricsQuery: string; name: { as: string } }[] {
  const file = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, 'deploy/k8s/prometheus-adapter/rules.yaml'), 'utf8'));
  return file.rules.custom;
}

/** Every PromQL expression, labelled with where it lives. */
export function expressions(): { where: string; expr: string }[] {
  const out: { where: string; expr: string }[] = [];
  for (const g of prometheusRule().groups) {
    for (const r of g.rules) out.push({ where: `rule ${r.record ?? r.alert}`, expr: r.expr });
  }
  const dash = dashboardJson();
  for (const p of dash.panels) for (const t of p.targets ?? []) out.push({ where: `dashboard panel "${(p as { title?: string }).title}"`, expr: t.expr });
  for (const v of dash.templating.list) {
    const q = (v.query as { query?: string } | undefined)?.query;
    if (typeof q === 'string') out.push({ where: `dashboard variable ${v.name}`, expr: q });
  }
  for (const a of adapterRules()) {
    out.push({ where: `adapter rule ${a.name.as} seriesQuery`, expr: a.seriesQuery });
    // <<.Series>> is the series the seriesQuery found.
    const series = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(a.seriesQuery)?.[0] ?? '';
    out.push({ where: `adapter rule ${a.name.as} metricsQuery`, expr: a.metricsQuery.replace(/<<\.Series>>/g, series) });
  }
  return out;
}

/**
 * PromQL as Prometheus itself parses it (its Lezer grammar). Grafana's variables and Prometheus
 * Adapter's templates are replaced by plain values first; Grafana's label_values(metric, label)
 * contributes its metric selector.
 */
export function promql(expr: string): string {
  const grafana = /^label_values\((.*),\s*[a-zA-Z_]+\)$/s.exec(expr.trim());
  return (grafana ? grafana[1]! : expr)
    .replace(/\$__(?:rate_)?interval/g, '5m')
    .replace(/<<\.LabelMatchers>>/g, 'pod="p"')
    .replace(/<<\.GroupBy>>/g, 'pod');
}

/** Where the expression stops parsing, or null when it is valid PromQL. */
export function syntaxError(expr: string): string | null {
  const text = promql(expr);
  let at: number | null = null;
  parser.parse(text).iterate({
    enter: (n) => {
      if (n.type.isError && at === null) at = n.from;
    },
  });
  return at === null ? null : `syntax error at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`;
}

/** Every metric name an expression selects (service metrics, recording rules, `up`, …). */
export function selectedMetrics(expr: string): string[] {
  const text = promql(expr);
  const names: string[] = [];
  parser.parse(text).iterate({
    enter: (n) => {
      if (n.type.name === 'Identifier' && n.node.parent?.type.name === 'VectorSelector') names.push(text.slice(n.from, n.to));
    },
  });
  return [...new Set(names)];
}

/** Service metric names (voicebot_*) an expression uses, as written (with _bucket etc.). */
export function serviceMetrics(expr: string): string[] {
  return [...new Set([...expr.matchAll(/\bvoicebot_[a-zA-Z0-9_]+/g)].map((m) => m[0]))];
}

/** Recording-rule names (level:metric:operation) an expression uses. */
export function recordedMetrics(expr: string): string[] {
  return [...new Set([...expr.matchAll(/\bvoicebot:[a-z0-9_:]+/g)].map((m) => m[0]))];
}

/** The service that must export a metric, from its name (voicebot_<service>_...). */
export function owner(metric: string): string {
  return metric.split('_')[1]!;
}
