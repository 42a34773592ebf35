import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import type { Resource } from './kustomize.ts';

/**
 * OpenAPI validation of rendered manifests: the Kubernetes 1.3x schemas shipped by
 * `kubernetes-models` and the Prometheus Operator CRD schemas. A kind without a schema here
 * fails, so a new kind cannot slip through unvalidated.
 */
interface Model {
  validate(): void;
}
type ModelClass = new (data: never) => Model;

const MODELS: Record<string, ModelClass> = {};
for (const m of [
  ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service, ServiceAccount, Deployment, HorizontalPodAutoscaler,
  Ingress, NetworkPolicy, PodDisruptionBudget, PodMonitor, PrometheusRule, ServiceMonitor,
] as unknown as (ModelClass & { apiVersion: string; kind: string })[]) {
  MODELS[`${m.apiVersion}/${m.kind}`] = m;
}

/** Problems with one resource, each naming the resource and the JSON path. */
export function schemaProblems(r: Resource): string[] {
  const id = `${r.kind} ${r.metadata.name}`;
  const Model = MODELS[`${r.apiVersion}/${r.kind}`];
  if (!Model) return [`${id}: no schema for ${r.apiVersion} ${r.kind}`];
  try {
    new Model(r as never).validate();
    return [];
  } catch (err) {
    return [`${id}: ${(err as Error).message}`];
  }
}
