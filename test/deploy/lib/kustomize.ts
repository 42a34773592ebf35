import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { applyJsonPatch, type JsonPatchOp } from './json-patch.ts';
import { clone, isObject, strategicMerge, type Json, type JsonObject } from './strategic-merge.ts';

/**
 * A small kustomize: enough of `kustomization.yaml` to render our base and overlays the way
 * `kubectl apply -k` would, without the kustomize binary. Supported: resources (files and
 * directories), patches (strategic merge or JSON 6902, inline or from a file, with targets),
 * namespace, namePrefix, commonLabels, labels (with includeSelectors/includeTemplates),
 * commonAnnotations, images, replicas, configMapGenerator/secretGenerator (literals, files,
 * envs, options) with `disableNameSuffixHash: true`. Anything else is an error, so a field
 * we do not understand can never be silently ignored.
 */

export interface Resource extends JsonObject {
  apiVersion: string;
  kind: string;
  metadata: JsonObject & { name: string; namespace?: string; labels?: Record<string, string> };
}

export class KustomizeError extends Error {
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'KustomizeError';
  }
}

const KNOWN_FIELDS = new Set([
  'apiVersion', 'kind', 'resources', 'patches', 'namespace', 'namePrefix', 'commonLabels', 'labels',
  'commonAnnotations', 'images', 'replicas', 'configMapGenerator', 'secretGenerator', 'generatorOptions',
]);

interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
}

/** Read every YAML document of a manifest file (empty documents skipped). */
export function readManifests(file: string): Resource[] {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'));
  const out: Resource[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new KustomizeError(file, doc.errors.map((e) => e.message).join('; '));
    const value = doc.toJS() as Json;
    if (value === null) continue;
    if (!isObject(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string' || !isObject(value.metadata ?? null)) {
      throw new KustomizeError(file, 'a document is not a Kubernetes object (apiVersion, kind, metadata)');
    }
    const meta = value.metadata as JsonObject;
    if (typeof meta.name !== 'string' || !meta.name) throw new KustomizeError(file, `a ${value.kind} has no metadata.name`);
    out.push(value as Resource);
  }
  return out;
}

function kustomizationFile(dir: string): string {
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  throw new KustomizeError(dir, 'no kustomization.yaml');
}

function groupVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function matchesSelector(labels: Record<string, string> | undefined, selector: string): boolean {
  return selector.split(',').every((term) => {
    const [k, v] = term.split('=').map((s) => s.trim());
    return v === undefined ? labels?.[k!] !== undefined : labels?.[k!] === v;
  });
}

function matchesTarget(r: Resource, t: Target): boolean {
  const gv = groupVersion(r.apiVersion);
  if (t.group !== undefined && t.group !== gv.group) return false;
  if (t.version !== undefined && t.version !== gv.version) return false;
  if (t.kind !== undefined && t.kind !== r.kind) return false;
  if (t.name !== undefined && !new RegExp(`^(?:${t.name})$`).test(r.metadata.name)) return false;
  if (t.namespace !== undefined && t.namespace !== r.metadata.namespace) return false;
  if (t.labelSelector !== undefined && !matchesSelector(r.metadata.labels, t.labelSelector)) return false;
  return true;
}

function setPath(obj: JsonObject, keys: string[], value: Record<string, string>, create: boolean): void {
  let node: JsonObject = obj;
  for (const k of keys) {
    const next = node[k];
    if (!isObject(next ?? null)) {
      if (!create) return;
      node[k] = {};
    }
    node = node[k] as JsonObject;
  }
  Object.assign(node, value);
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

function applyLabels(r: Resource, pairs: Record<string, string>, selectors: boolean, templates: boolean): void {
  setPath(r, ['metadata', 'labels'], pairs, true);
  if (WORKLOADS.has(r.kind)) {
    if (selectors) setPath(r, ['spec', 'selector', 'matchLabels'], pairs, true);
    if (selectors || templates) setPath(r, ['spec', 'template', 'metadata', 'labels'], pairs, true);
  } else if (selectors && r.kind === 'Service') {
    setPath(r, ['spec', 'selector'], pairs, true);
  } else if (selectors && r.kind === 'PodDisruptionBudget') {
    setPath(r, ['spec', 'selector', 'matchLabels'], pairs, true);
  } else if (selectors && r.kind === 'NetworkPolicy') {
    // As kustomize does: the policy's own pod selector and every pod selector in its peers.
    setPath(r, ['spec', 'podSelector', 'matchLabels'], pairs, true);
    const spec = r.spec as JsonObject;
    for (const [rules, side] of [[spec.ingress, 'from'], [spec.egress, 'to']] as const) {
      for (const rule of (rules as JsonObject[] | undefined) ?? []) {
        for (const peer of (rule[side] as JsonObject[] | undefined) ?? []) {
          if (isObject(peer.podSelector ?? null)) setPath(peer, ['podSelector', 'matchLabels'], pairs, true);
        }
      }
    }
  }
}

function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  const at = image.indexOf('@');
  if (at >= 0) return { name: image.slice(0, at), digest: image.slice(at + 1) };
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? { name: image.slice(0, colon), tag: image.slice(colon + 1) } : { name: image };
}

function podContainers(r: Resource): JsonObject[] {
  const spec = (r.spec as JsonObject | undefined)?.template as JsonObject | undefined;
  const pod = spec?.spec as JsonObject | undefined;
  return [...((pod?.containers as JsonObject[] | undefined) ?? []), ...((pod?.initContainers as JsonObject[] | undefined) ?? [])];
}

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

function applyImages(r: Resource, rules: ImageRule[]): void {
  for (const container of podContainers(r)) {
    const image = splitImage(String(container.image));
    const rule = rules.find((i) => i.name === image.name);
    if (!rule) continue;
    const name = rule.newName ?? image.name;
    if (rule.digest) container.image = `${name}@${rule.digest}`;
    else if (rule.newTag) container.image = `${name}:${rule.newTag}`;
    else container.image = image.digest ? `${name}@${image.digest}` : image.tag ? `${name}:${image.tag}` : name;
  }
}

interface GeneratorSpec {
  name: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals?: string[];
  files?: string[];
  envs?: string[];
  type?: string;
  options?: { labels?: Record<string, string>; annotations?: Record<string, string>; disableNameSuffixHash?: boolean };
}

function generate(dir: string, kind: 'ConfigMap' | 'Secret', spec: GeneratorSpec, defaults: GeneratorSpec['options']): Resource {
  const where = `${dir} ${kind}Generator ${spec.name}`;
  const options = { ...defaults, ...spec.options };
  if (options.disableNameSuffixHash !== true) {
    throw new KustomizeError(where, 'name suffix hashes are not implemented here; set options.disableNameSuffixHash: true');
  }
  const data: Record<string, string> = {};
  const put = (key: string, value: string): void => {
    if (key in data) throw new KustomizeError(where, `duplicate key ${key}`);
    data[key] = value;
  };
  for (const literal of spec.literals ?? []) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw new KustomizeError(where, `literal "${literal}" is not KEY=VALUE`);
    put(literal.slice(0, eq), literal.slice(eq + 1));
  }
  for (const entry of spec.files ?? []) {
    const eq = entry.indexOf('=');
    const [key, file] = eq > 0 ? [entry.slice(0, eq), entry.slice(eq + 1)] : [path.basename(entry), entry];
    const full = path.resolve(dir, file);
    if (!fs.existsSync(full)) throw new KustomizeError(where, `file ${file} does not exist`);
    put(key, fs.readFileSync(full, 'utf8'));
  }
  for (const envFile of spec.envs ?? []) {
    for (const line of fs.readFileSync(path.resolve(dir, envFile), 'utf8').split('\n')) {
      const t = line.trim();
      if (!t || t.startsWith('#')) continue;
      const eq = t.indexOf('=');
      if (eq <= 0) throw new KustomizeError(where, `line "${t}" of ${envFile} is not KEY=VALUE`);
      put(t.slice(0, eq), t.slice(eq + 1));
    }
  }
  const metadata: Resource['metadata'] = { name: spec.name };
  if (options.labels) metadata.labels = { ...options.labels };
  if (options.annotations) metadata.annotations = { ...options.annotations };
  const body: JsonObject =
    kind === 'Secret'
      ? { type: spec.type ?? 'Opaque', data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) }
      : { data };
  return { apiVersion: 'v1', kind, metadata, ...body };
}

function resourceId(r: Resource): string {
  return `${r.kind}/${r.metadata.namespace ? `${r.metadata.namespace}/` : ''}${r.metadata.name}`;
}

function loadPatch(dir: string, entry: JsonObject, where: string): Json {
  if (typeof entry.path === 'string') {
    const file = path.resolve(dir, entry.path);
    if (!fs.existsSync(file)) throw new KustomizeError(where, `patch file ${entry.path} does not exist`);
    return YAML.parse(fs.readFileSync(file, 'utf8')) as Json;
  }
  if (typeof entry.patch === 'string') return YAML.parse(entry.patch) as Json;
  throw new KustomizeError(where, 'a patch needs "path" or "patch"');
}

function applyPatch(resources: Resource[], patch: Json, target: Target | undefined, where: string): Resource[] {
  if (Array.isArray(patch)) {
    if (!target) throw new KustomizeError(where, 'a JSON 6902 patch needs a target');
    const hits = resources.filter((r) => matchesTarget(r, target));
    if (!hits.length) throw new KustomizeError(where, `no resource matches target ${JSON.stringify(target)}`);
    return resources.map((r) => (hits.includes(r) ? (applyJsonPatch(r, patch as unknown as JsonPatchOp[]) as Resource) : r));
  }
  if (!isObject(patch)) throw new KustomizeError(where, 'a patch must be an object (strategic merge) or a list (JSON 6902)');
  const meta = patch.metadata as JsonObject | undefined;
  const byPatch: Target = target ?? { kind: String(patch.kind), name: String(meta?.name) };
  if (!target && (!patch.kind || !meta?.name)) throw new KustomizeError(where, 'a strategic-merge patch without target needs kind and metadata.name');
  const hits = resources.filter((r) => matchesTarget(r, byPatch));
  if (!hits.length) throw new KustomizeError(where, `no resource matches ${JSON.stringify(byPatch)}`);
  return resources.map((r) => {
    if (!hits.includes(r)) return r;
    const body = target ? { ...patch, metadata: { ...(meta ?? {}), name: r.metadata.name } } : patch;
    if (patch.$patch === 'delete') return null;
    return strategicMerge(r, body) as Resource;
  }).filter((r): r is Resource => r !== null);
}

/** Render a kustomization directory into its list of resources. */
export function build(dir: string): Resource[] {
  const file = kustomizationFile(dir);
  const k = YAML.parse(fs.readFileSync(file, 'utf8')) as JsonObject;
  for (const field of Object.keys(k)) {
    if (!KNOWN_FIELDS.has(field)) throw new KustomizeError(file, `field "${field}" is not supported by this resolver`);
  }
  let resources: Resource[] = [];
  for (const entry of (k.resources as string[] | undefined) ?? []) {
    const full = path.resolve(dir, entry);
    if (!fs.existsSync(full)) throw new KustomizeError(file, `resource ${entry} does not exist`);
    resources.push(...(fs.statSync(full).isDirectory() ? build(full) : readManifests(full)));
  }
  const genDefaults = (k.generatorOptions as GeneratorSpec['options']) ?? {};
  for (const [key, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
    for (const spec of (k[key] as unknown as GeneratorSpec[] | undefined) ?? []) {
      const generated = generate(dir, kind, spec, genDefaults);
      const at = resources.findIndex((r) => r.kind === kind && r.metadata.name === spec.name);
      if ((spec.behavior ?? 'create') === 'create') {
        if (at >= 0) throw new KustomizeError(file, `${kind} ${spec.name} already exists; use behavior: merge or replace`);
        resources.push(generated);
      } else {
        if (at < 0) throw new KustomizeError(file, `${kind} ${spec.name} to ${spec.behavior} does not exist`);
        resources[at] = spec.behavior === 'merge' ? (strategicMerge(resources[at]!, generated) as Resource) : generated;
      }
    }
  }
  for (const [i, entry] of ((k.patches as JsonObject[] | undefined) ?? []).entries()) {
    const where = `${file} patches[${i}]`;
    resources = applyPatch(resources, loadPatch(dir, entry, where), entry.target as Target | undefined, where);
  }
  for (const rule of (k.replicas as unknown as { name: string; count: number }[] | undefined) ?? []) {
    const hit = resources.find((r) => WORKLOADS.has(r.kind) && r.metadata.name === rule.name);
    if (!hit) throw new KustomizeError(file, `replicas: no workload named ${rule.name}`);
    (hit.spec as JsonObject).replicas = rule.count;
  }
  const images = (k.images as unknown as ImageRule[] | undefined) ?? [];
  if (images.length) for (const r of resources) applyImages(r, images);
  if (k.namePrefix) throw new KustomizeError(file, 'namePrefix would need reference rewriting, which this resolver does not do');
  if (isObject(k.commonLabels ?? null)) for (const r of resources) applyLabels(r, k.commonLabels as Record<string, string>, true, true);
  for (const set of (k.labels as unknown as { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[] | undefined) ?? []) {
    for (const r of resources) applyLabels(r, set.pairs, set.includeSelectors === true, set.includeTemplates === true);
  }
  if (isObject(k.commonAnnotations ?? null)) for (const r of resources) setPath(r, ['metadata', 'annotations'], k.commonAnnotations as Record<string, string>, true);
  if (typeof k.namespace === 'string') {
    for (const r of resources) {
      // As kustomize does (kubernetes-sigs/kustomize#4979): a Namespace object takes the name.
      if (r.kind === 'Namespace') r.metadata.name = k.namespace;
      else if (!CLUSTER_SCOPED.has(r.kind)) r.metadata.namespace = k.namespace;
    }
  }
  const seen = new Set<string>();
  for (const r of resources) {
    const id = resourceId(r);
    if (seen.has(id)) throw new KustomizeError(file, `duplicate resource ${id}`);
    seen.add(id);
  }
  return resources.map((r) => clone(r));
}

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass', 'StorageClass']);
