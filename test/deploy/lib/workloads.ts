import type { Resource } from './kustomize.ts';

/** Typed views of the rendered manifests, for cross-reference checks. */
export interface ContainerPort {
  name?: string;
  containerPort: number;
}
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    fieldRef?: { fieldPath: string };
  };
}
export interface Probe {
  httpGet?: { path: string; port: number | string };
}
export interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: ContainerPort[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
  volumeMounts?: { name: string; mountPath: string }[];
}
export interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  serviceAccountName?: string;
  volumes?: { name: string; emptyDir?: object; persistentVolumeClaim?: { claimName: string } }[];
}
export interface Deployment {
  apiVersion: string;
  kind: 'Deployment';
  metadata: Resource['metadata'];
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string } };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
}

export function byKind<T = Resource>(resources: Resource[], kind: string): T[] {
  return resources.filter((r) => r.kind === kind) as unknown as T[];
}

export type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

/** Kubernetes label-selector semantics (an empty selector selects everything). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  const byLabels = Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector?.matchExpressions ?? []).every((e) => {
    const has = e.key in labels;
    switch (e.operator) {
      case 'In':
        return has && (e.values ?? []).includes(labels[e.key]!);
      case 'NotIn':
        return !has || !(e.values ?? []).includes(labels[e.key]!);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        throw new Error(`unknown selector operator ${String((e as { operator: unknown }).operator)}`);
    }
  });
  return byLabels && byExpressions;
}

/** Deployments whose pods a label selector picks. */
export function podsSelected(resources: Resource[], selector: LabelSelector | undefined): Deployment[] {
  return byKind<Deployment>(resources, 'Deployment').filter((d) => selects(selector, d.spec.template.metadata.labels));
}

export function hasPort(d: Deployment, port: number | string): boolean {
  return d.spec.template.spec.containers.some((c) =>
    (c.ports ?? []).some((p) => (typeof port === 'number' ? p.containerPort === port : p.name === port)),
  );
}

/** The environment a container sees: its ConfigMaps (envFrom) overridden by its own env entries. */
export function envOf(resources: Resource[], container: Container): Map<string, string | EnvVar> {
  const out = new Map<string, string | EnvVar>();
  for (const from of container.envFrom ?? []) {
    const cm = resources.find((r) => r.kind === 'ConfigMap' && r.metadata.name === from.configMapRef?.name);
    for (const [k, v] of Object.entries((cm?.data as Record<string, string> | undefined) ?? {})) out.set(k, v);
  }
  for (const e of container.env ?? []) out.set(e.name, e.value ?? e);
  return out;
}
