/**
 * Strategic-merge patching for the Kubernetes fields our manifests patch. Maps merge
 * recursively, `null` deletes a key, lists of objects merge by the field Kubernetes declares
 * as their merge key (containers by name, ports by containerPort, …), other lists replace.
 * Directives: `$patch: delete` (drop a list item or map) and `$patch: replace` (replace a map).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Merge keys of list fields, keyed by the field name (unambiguous for the kinds we use). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
  tolerations: 'key',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
};

/** `ports` merges by `containerPort` in a container and by `port` in a Service spec. */
function mergeKeyFor(field: string, items: Json[]): string | undefined {
  if (field === 'ports') {
    const first = items.find(isObject);
    return first && 'containerPort' in first ? 'containerPort' : 'port';
  }
  return MERGE_KEYS[field];
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function clone<T extends Json>(v: T): T {
  return structuredClone(v);
}

export function strategicMerge(base: Json, patch: Json, field = ''): Json {
  if (isObject(patch)) {
    if (patch.$patch === 'replace') {
      const { $patch: _directive, ...rest } = patch;
      return clone(rest);
    }
    const out: JsonObject = isObject(base) ? clone(base) : {};
    for (const [key, value] of Object.entries(patch)) {
      if (key === '$patch') continue;
      if (value === null) delete out[key];
      else out[key] = strategicMerge(out[key] ?? null, value, key);
    }
    return out;
  }
  if (Array.isArray(patch)) {
    const key = mergeKeyFor(field, [...patch, ...(Array.isArray(base) ? base : [])]);
    if (!key || !Array.isArray(base)) return clone(patch).filter((i) => !(isObject(i) && i.$patch === 'delete'));
    const out = clone(base);
    for (const item of patch) {
      if (!isObject(item) || item[key] === undefined) {
        throw new Error(`strategic merge: item of list "${field}" has no merge key "${key}": ${JSON.stringify(item)}`);
      }
      const at = out.findIndex((o) => isObject(o) && o[key] === item[key]);
      if (item.$patch === 'delete') {
        if (at >= 0) out.splice(at, 1);
      } else if (at >= 0) {
        out[at] = strategicMerge(out[at]!, item, field);
      } else {
        out.push(clone(item));
      }
    }
    return out;
  }
  return patch;
}
