import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '@voicebot/common/paths';

/**
 * Static view of what a process loads: from entry files, follow every runtime import (static,
 * dynamic, require, require.resolve, createRequire(…)(…), and `new URL('./file',
 * import.meta.url)` assets such as worker scripts and WASM files). Type-only imports are erased
 * at run time and skipped. Returns the repository files reached and the npm packages named.
 */
export interface ImportGraph {
  files: Set<string>;
  packages: Map<string, string>;
  unresolved: string[];
}

const CODE = /\.(?:ts|mts|mjs|cjs|js)$/;
const BUILTINS = new Set(builtinModules);

function stripComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/^\s*(?:import|export)\s+type\b[\s\S]*?;/gm, '');
}

function specifiers(text: string): { spec: string; asset: boolean }[] {
  const out: { spec: string; asset: boolean }[] = [];
  for (const re of [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /^\s*import\s+['"]([^'"]+)['"]/gm,
    /\brequire(?:\.resolve)?\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bcreateRequire\([^)]*\)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ]) {
    for (const m of text.matchAll(re)) out.push({ spec: m[1]!, asset: false });
  }
  for (const m of text.matchAll(/new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)) out.push({ spec: m[1]!, asset: true });
  return out;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** `@voicebot/<workspace>[/<sub>]` through the workspace's exports map (`.` and `./*`). */
function workspaceFile(spec: string): string | undefined {
  const name = packageName(spec);
  const sub = spec.slice(name.length);
  for (const dir of ['packages', 'services']) {
    const pkgFile = path.join(REPO_ROOT, dir, name.slice('@voicebot/'.length), 'package.json');
    if (!fs.existsSync(pkgFile)) continue;
    const exportsMap = (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { exports?: Record<string, string> }).exports ?? {};
    const target = sub ? exportsMap['./*']?.replace('*', sub.slice(1)) : exportsMap['.'];
    return target ? path.join(path.dirname(pkgFile), target) : undefined;
  }
  return undefined;
}

export function importGraph(entries: string[]): ImportGraph {
  const graph: ImportGraph = { files: new Set(), packages: new Map(), unresolved: [] };
  const queue = entries.map((e) => path.resolve(REPO_ROOT, e));
  while (queue.length) {
    const file = queue.pop()!;
    const rel = path.relative(REPO_ROOT, file);
    if (graph.files.has(rel)) continue;
    graph.files.add(rel);
    if (!CODE.test(file)) continue;
    for (const { spec, asset } of specifiers(stripComments(fs.readFileSync(file, 'utf8')))) {
      if (spec.startsWith('node:') || BUILTINS.has(spec)) continue;
      let target: string | undefined;
      if (spec.startsWith('.')) target = path.resolve(path.dirname(file), spec);
      else if (spec.startsWith('@voicebot/')) target = workspaceFile(spec);
      else {
        if (!graph.packages.has(packageName(spec))) graph.packages.set(packageName(spec), rel);
        continue;
      }
      if (!target || !fs.existsSync(target)) graph.unresolved.push(`${rel}: ${spec}${asset ? ' (asset)' : ''}`);
      else queue.push(target);
    }
  }
  return graph;
}
