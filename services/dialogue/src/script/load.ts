import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { checkGraph, type CheckOptions, type Severity } from './check-graph.ts';
import { compileScript, type CompiledScript } from './compile.ts';
import { scriptSchema, type Script } from './schema.ts';

/** A located problem, shaped like `voicebot.v1.ScriptProblem`. */
export interface ScriptProblem {
  line: number;
  column: number;
  path: string;
  code: string;
  message: string;
  severity: Severity;
}

export interface LoadResult {
  ok: boolean;
  problems: ScriptProblem[];
  script?: Script;
}

function pointer(p: readonly (string | number | symbol)[]): string {
  return p.length === 0 ? '/' : `/${p.map(String).join('/')}`;
}

/** Line/column of the deepest existing node on `p` (a missing key points at its parent map). */
function locate(doc: Document, lc: LineCounter, p: readonly (string | number | symbol)[], offset = 0): { line: number; column: number } {
  for (let depth = p.length; depth >= 0; depth--) {
    const node = doc.getIn(p.slice(0, depth) as unknown[], true) as { range?: [number, number, number] } | undefined;
    const range = node && typeof node === 'object' && 'range' in node ? node.range : undefined;
    if (range) {
      const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? 1 : 0;
      const pos = lc.linePos(range[0] + (depth === p.length ? offset + quoted : 0));
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 0, column: 0 };
}

/**
 * Parse (YAML or JSON), check the schema and the graph, and return every problem located by
 * line and column. `ok` is false when any problem is an error.
 */
export function parseScript(source: string, opts: CheckOptions = {}): LoadResult {
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems: ScriptProblem[] = [];
  for (const err of doc.errors) {
    const pos = lc.linePos(err.pos[0]);
    problems.push({ line: pos.line, column: pos.col, path: '', code: 'syntax', message: err.message.split('\n')[0]!, severity: 'error' });
  }
  if (problems.length) return { ok: false, problems };
  if (!isMap(doc.contents)) {
    return { ok: false, problems: [{ line: 1, column: 1, path: '/', code: 'schema', message: 'a script is a mapping with id, title, language, prompts, nodes, …', severity: 'error' }] };
  }
  const parsed = scriptSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const key of keys) {
        const p = key === undefined ? issue.path : [...issue.path, key];
        const where = locate(doc, lc, p);
        const message = key === undefined ? issue.message : `unknown key '${key}'`;
        problems.push({ ...where, path: pointer(p), code: 'schema', message, severity: 'error' });
      }
    }
    return { ok: false, problems: sortProblems(problems) };
  }
  for (const g of checkGraph(parsed.data, opts)) {
    problems.push({ ...locate(doc, lc, g.path, g.offset), path: pointer(g.path), code: g.code, message: g.message, severity: g.severity });
  }
  const ok = !problems.some((p) => p.severity === 'error');
  return { ok, problems: sortProblems(problems), script: parsed.data };
}

function sortProblems(problems: ScriptProblem[]): ScriptProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

export class ScriptInvalidError extends Error {
  constructor(readonly problems: ScriptProblem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`script has ${errors.length} error(s): ${errors.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`).join('; ')}`);
    this.name = 'ScriptInvalidError';
  }
}

/** Parse, validate and compile; throws ScriptInvalidError listing every error. */
export function loadScript(source: string, version: number, opts: CheckOptions = {}): { compiled: CompiledScript; problems: ScriptProblem[] } {
  const result = parseScript(source, opts);
  if (!result.ok || !result.script) throw new ScriptInvalidError(result.problems);
  return { compiled: compileScript(result.script, version), problems: result.problems };
}
