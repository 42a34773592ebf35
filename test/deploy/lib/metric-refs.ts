import fs from 'node:fs';
import path from 'node:path';
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

export function adapterRules(): { seriesQuery: string; name: { as: string } }[] {
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
  for (const a of adapterRules()) out.push({ where: `adapter rule ${a.name.as}`, expr: a.seriesQuery });
  return out;
}

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/**
 * Every metric name a PromQL expression selects (service metrics, recording rules, others such
 * as `up`): strings, label matchers, ranges, grouping lists and function names removed.
 */
export function selectedMetrics(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ');
  // Grafana's label_values(metric, label): only the first argument selects a metric.
  const grafana = /^label_values\(([^,]+),/.exec(stripped);
  const text = (grafana ? grafana[1]! : stripped)
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...text.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)]
    .filter((m) => !/^\s*\(/.test(text.slice(m.index + m[0].length)))
    .map((m) => m[0])
    .filter((n) => !KEYWORDS.has(n.toLowerCase()));
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
