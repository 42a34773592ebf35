import { clone, isObject, type Json } from './strategic-merge.ts';

/** RFC 6902 JSON Patch (add, remove, replace, test, copy, move) over plain JSON values. */
export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'test' | 'copy' | 'move';
  path: string;
  from?: string;
  value?: Json;
}

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer "${pointer}" must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, pointer: string): { parent: Json; key: string } {
  const path = tokens(pointer);
  const key = path.pop();
  if (key === undefined) throw new Error('JSON patch cannot target the document root');
  let node: Json = doc;
  for (const t of path) {
    const next: Json | undefined = Array.isArray(node) ? node[Number(t)] : isObject(node) ? node[t] : undefined;
    if (next === undefined) throw new Error(`JSON pointer "${pointer}": "${t}" does not exist`);
    node = next;
  }
  return { parent: node, key };
}

function get(doc: Json, pointer: string): Json {
  let node: Json = doc;
  for (const t of tokens(pointer)) {
    const next: Json | undefined = Array.isArray(node) ? node[Number(t)] : isObject(node) ? node[t] : undefined;
    if (next === undefined) throw new Error(`JSON pointer "${pointer}": "${t}" does not exist`);
    node = next;
  }
  return node;
}

function put(doc: Json, pointer: string, value: Json, insert: boolean): void {
  const { parent, key } = parentOf(doc, pointer);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) throw new Error(`JSON pointer "${pointer}": bad index`);
    if (insert) parent.splice(index, 0, value);
    else if (index < parent.length) parent[index] = value;
    else throw new Error(`JSON pointer "${pointer}": index out of range`);
  } else if (isObject(parent)) {
    if (!insert && !(key in parent)) throw new Error(`JSON pointer "${pointer}": nothing to replace`);
    parent[key] = value;
  } else {
    throw new Error(`JSON pointer "${pointer}": parent is not a container`);
  }
}

function remove(doc: Json, pointer: string): void {
  const { parent, key } = parentOf(doc, pointer);
  if (Array.isArray(parent) && Number(key) < parent.length) parent.splice(Number(key), 1);
  else if (isObject(parent) && key in parent) delete parent[key];
  else throw new Error(`JSON pointer "${pointer}": nothing to remove`);
}

export function applyJsonPatch(doc: Json, ops: JsonPatchOp[]): Json {
  const out = clone(doc);
  for (const op of ops) {
    switch (op.op) {
      case 'add':
        put(out, op.path, clone(op.value ?? null), true);
        break;
      case 'replace':
        put(out, op.path, clone(op.value ?? null), false);
        break;
      case 'remove':
        remove(out, op.path);
        break;
      case 'test':
        if (JSON.stringify(get(out, op.path)) !== JSON.stringify(op.value)) throw new Error(`JSON patch test failed at "${op.path}"`);
        break;
      case 'copy':
        put(out, op.path, clone(get(out, op.from ?? '')), true);
        break;
      case 'move': {
        const value = get(out, op.from ?? '');
        remove(out, op.from ?? '');
        put(out, op.path, value, true);
        break;
      }
      default:
        throw new Error(`unknown JSON patch op ${JSON.stringify(op)}`);
    }
  }
  return out;
}
