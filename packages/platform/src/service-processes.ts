import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@voicebot/common/paths';

export type ServiceName = 'media' | 'dialogue' | 'dialer';

export interface ServiceProcess {
  name: ServiceName;
  child: ChildProcess;
  httpUrl: string;
  logFile: string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Runs one service as its own Node process, exactly as `npm run start -w services/<name>` would,
 * with its logs in a file so the terminal stays readable.
 */
export function spawnService(name: ServiceName, env: NodeJS.ProcessEnv, httpPort: number, logDir: string): ServiceProcess {
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'services', name, 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, httpUrl: `http://127.0.0.1:${httpPort}`, logFile, exited };
}

/** Polls /readyz until it answers 200; fails early if the process exits or the deadline passes. */
export async function waitReady(svc: ServiceProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void svc.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`${svc.name} exited with code ${exitCode} during start-up; see ${svc.logFile}:\n${tail(svc.logFile, 15)}`);
    }
    try {
      const res = await fetch(`${svc.httpUrl}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${svc.name} not ready after ${timeoutMs} ms; see ${svc.logFile}:\n${tail(svc.logFile, 15)}`);
}

/** SIGTERM (the services drain), then SIGKILL if one outlives the grace period. */
export async function stopService(svc: ServiceProcess, graceMs: number): Promise<void> {
  if (svc.child.exitCode !== null || svc.child.signalCode !== null) return;
  svc.child.kill('SIGTERM');
  const timer = setTimeout(() => svc.child.kill('SIGKILL'), graceMs);
  await svc.exited;
  clearTimeout(timer);
}

export function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
