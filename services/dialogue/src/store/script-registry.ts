import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '@voicebot/common';
import type { CompiledScript } from '../script/compile.ts';
import { loadScript, parseScript, ScriptInvalidError, type ScriptProblem } from '../script/load.ts';
import { sha256, type DialogueStore, type StoredScript } from './dialogue-store.ts';

const LATEST_TTL_MS = 2000;

/**
 * Script versions: stored in the database, compiled once per (id, version) and cached, so a call
 * keeps the exact version it started with even when a newer one is uploaded meanwhile.
 */
export class ScriptRegistry {
  private readonly compiled = new Map<string, CompiledScript>();
  private readonly latest = new Map<string, number>();
  /** When each script's latest version was last read from the database (call starts skip the query within LATEST_TTL_MS). */
  private readonly latestCheckedAt = new Map<string, number>();

  constructor(private readonly store: DialogueStore, private readonly log: Logger) {}

  /** Upload a source; invalid sources throw ScriptInvalidError and change nothing. Unchanged sources keep their version. */
  async upload(source: string, expectedId?: string): Promise<{ stored: StoredScript; problems: ScriptProblem[]; created: boolean }> {
    const result = parseScript(source);
    if (!result.ok || !result.script) throw new ScriptInvalidError(result.problems);
    const id = result.script.id;
    if (expectedId && expectedId !== id) {
      throw new ScriptInvalidError([{ line: 0, column: 0, path: '/id', code: 'id_mismatch', message: `script_id '${expectedId}' differs from the source's id '${id}'`, severity: 'error' }]);
    }
    const current = await this.store.getScript(id);
    if (current && current.sha256 === sha256(source)) return { stored: current, problems: result.problems, created: false };
    const stored = await this.store.addScriptVersion({ scriptId: id, source, title: result.script.title, language: result.script.language }, Date.now());
    this.latest.set(id, stored.version);
    this.latestCheckedAt.set(id, Date.now());
    return { stored, problems: result.problems, created: true };
  }

  /** Upload every `*.yaml` in a directory (start-up); a broken file is logged and skipped. */
  async loadDirectory(dir: string): Promise<void> {
    for (const file of fs.readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.schema.json')).sort()) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      try {
        const { stored, created, problems } = await this.upload(source);
        this.log.info({ file, scriptId: stored.scriptId, version: stored.version, created, warnings: problems.length }, 'script loaded');
      } catch (err) {
        this.log.error({ file, err: err instanceof Error ? err.message : String(err) }, 'script rejected; previous version stays active');
      }
    }
  }

  /**
   * Compiled script by id and version (0 = latest, re-read from the database at most every
   * LATEST_TTL_MS so an upload through another replica is seen within seconds). When the
   * database is unreachable the last known latest version serves, so calls keep starting.
   */
  async get(scriptId: string, version = 0): Promise<CompiledScript | undefined> {
    let v = version;
    const fresh = Date.now() - (this.latestCheckedAt.get(scriptId) ?? -Infinity) < LATEST_TTL_MS;
    if (!v && fresh) v = this.latest.get(scriptId) ?? 0;
    if (!v) {
      try {
        v = await this.store.latestVersion(scriptId);
        if (v) {
          this.latest.set(scriptId, v);
          this.latestCheckedAt.set(scriptId, Date.now());
        }
      } catch (err) {
        v = this.latest.get(scriptId) ?? 0;
        if (!v) throw err;
        this.log.warn({ scriptId, version: v, err: err instanceof Error ? err.message : String(err) }, 'database unreachable; using the cached latest script');
      }
      if (!v) return undefined;
    }
    const key = `${scriptId}@${v}`;
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const stored = await this.store.getScript(scriptId, v);
    if (!stored) return undefined;
    const { compiled } = loadScript(stored.source, stored.version);
    this.compiled.set(key, compiled);
    return compiled;
  }
}
