import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@voicebot/common/paths';
import { copySources, dockerIgnore, parseDockerfile } from './lib/dockerfile.ts';
import { importGraph } from './lib/import-graph.ts';

const dockerfile = parseDockerfile(fs.readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8'));
const ignored = dockerIgnore(fs.readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8'));
const SERVICES = ['media', 'dialogue', 'dialer'];

/** Paths the services open at run time (relative to the repo root = /app in the image). */
const RUNTIME_PATHS = [
  'proto/voicebot/v1/call_session.proto',
  'proto/grpc/health/v1/health.proto',
  'packages/common/src/index.ts',
  'services/dialer/migrations',
  'services/dialogue/migrations',
  'services/dialogue/scripts/loan-zh.yaml',
  'assets/prompts',
  'wasm/models/voicebot-tel-zh-en/manifest.json',
  'tools/asr-model/model-dir.ts',
  'deploy/docker/entrypoint.mjs',
  'deploy/docker/drain.mjs',
  ...SERVICES.map((s) => `services/${s}/src/main.ts`),
];

function copiedFromContext(): string[] {
  return dockerfile.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD').flatMap((i) => {
    const { from, sources } = copySources(i.args);
    return from ? [] : sources;
  });
}

describe('Dockerfile', () => {
  it('builds from node:20-bookworm-slim in stages, npm ci --omit=dev in the build stage', () => {
    const froms = dockerfile.filter((i) => i.keyword === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const arg = dockerfile.find((i) => i.keyword === 'ARG' && i.args.startsWith('NODE_IMAGE='));
    expect(arg?.args).toBe('NODE_IMAGE=node:20-bookworm-slim');
    const ci = dockerfile.find((i) => i.keyword === 'RUN' && i.args.includes('npm ci'));
    expect(ci?.args).toContain('--omit=dev');
    expect(ci?.stage).not.toBe(froms.at(-1)!.args.split(/\s+AS\s+/i)[1]);
  });

  it('copies only paths that exist and are not excluded by .dockerignore', () => {
    const problems: string[] = [];
    for (const src of copiedFromContext()) {
      if (!fs.existsSync(path.join(REPO_ROOT, src))) problems.push(`${src} does not exist`);
      else if (ignored(src)) problems.push(`${src} is excluded by .dockerignore`);
    }
    expect(problems).toEqual([]);
  });

  it('copies every workspace manifest before npm ci (the lockfile names them all)', () => {
    const ciLine = dockerfile.find((i) => i.keyword === 'RUN' && i.args.includes('npm ci'))!.line;
    const early = dockerfile
      .filter((i) => i.keyword === 'COPY' && i.line < ciLine)
      .flatMap((i) => copySources(i.args).sources);
    const workspaces = ['packages', 'services'].flatMap((dir) =>
      fs.readdirSync(path.join(REPO_ROOT, dir)).filter((n) => fs.existsSync(path.join(REPO_ROOT, dir, n, 'package.json'))).map((n) => `${dir}/${n}/package.json`),
    );
    expect(workspaces.length).toBeGreaterThanOrEqual(4);
    expect(early).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', ...workspaces]));
  });

  it('puts every path the services read at run time into the image', () => {
    const copied = copiedFromContext();
    const missing = RUNTIME_PATHS.filter((p) => {
      const inImage = copied.some((src) => p === src || p.startsWith(`${src.replace(/\/$/, '')}/`));
      return !inImage || ignored(p) || !fs.existsSync(path.join(REPO_ROOT, p));
    });
    expect(missing).toEqual([]);
  });

  it('holds every file the services and the deploy scripts load, and only production packages', () => {
    const graph = importGraph([...SERVICES.map((s) => `services/${s}/src/main.ts`), 'deploy/docker/entrypoint.mjs', 'deploy/docker/drain.mjs']);
    expect(graph.unresolved).toEqual([]);
    expect(graph.files.size).toBeGreaterThan(50);
    const copied = copiedFromContext();
    const outside = [...graph.files].filter((f) => ignored(f) || !copied.some((src) => f === src || f.startsWith(`${src.replace(/\/$/, '')}/`)));
    expect(outside, 'loaded at run time but not in the image').toEqual([]);
    const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const notProduction = [...graph.packages]
      .filter(([name]) => !lock.packages[`node_modules/${name}`] || lock.packages[`node_modules/${name}`]!.dev)
      .map(([name, by]) => `${name} (imported by ${by})`);
    expect(notProduction, 'imported at run time but not installed by npm ci --omit=dev').toEqual([]);
  });

  it('runs as the non-root uid the Kubernetes manifests expect, under tini, via the entrypoint', () => {
    const runtime = dockerfile.filter((i) => i.stage === dockerfile.filter((x) => x.keyword === 'FROM').at(-1)!.stage);
    expect(runtime.find((i) => i.keyword === 'USER')?.args).toBe('10001:10001');
    const entry = JSON.parse(runtime.find((i) => i.keyword === 'ENTRYPOINT')!.args) as string[];
    expect(entry).toEqual(['/usr/bin/tini', '--', 'node', '/app/deploy/docker/entrypoint.mjs']);
    const manifests = fs.readFileSync(path.join(REPO_ROOT, 'deploy/k8s/base/media.yaml'), 'utf8');
    expect(manifests).toContain('runAsUser: 10001');
  });
});

describe('deploy/docker scripts', () => {
  const run = (script: string, args: string[]) =>
    spawnSync(process.execPath, [path.join(REPO_ROOT, 'deploy/docker', script), ...args], { encoding: 'utf8', timeout: 20_000 });

  it('entrypoint refuses an unknown service with a usage line', () => {
    const r = run('entrypoint.mjs', ['mediaa']);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('usage: voicebot <media|dialogue|dialer> (got "mediaa")');
  });

  it('entrypoint knows exactly the services that have an entry module', () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'deploy/docker/entrypoint.mjs'), 'utf8');
    expect(text).toContain(`const SERVICES = [${SERVICES.map((s) => `'${s}'`).join(', ')}];`);
    const present = fs.readdirSync(path.join(REPO_ROOT, 'services')).filter((s) => fs.existsSync(path.join(REPO_ROOT, 'services', s, 'src/main.ts')));
    expect(present.sort()).toEqual([...SERVICES].sort());
  });

  it('drain refuses a bad delay and a pid that would signal a process group', () => {
    const bad = run('drain.mjs', ['--delay-seconds', 'soon']);
    expect(bad.status).toBe(64);
    expect(bad.stderr).toContain('--delay-seconds must be a whole number >= 0 (got "soon")');
    const group = run('drain.mjs', ['--pid', '0']);
    expect(group.status).toBe(64);
    expect(group.stderr).toContain('--pid must be a whole number >= 1');
  });

  it('drain signals the service and returns only once it has exited', async () => {
    // A stand-in service: on SIGTERM it "drains" (writes a line), then exits a little later.
    const service = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => { console.log('draining'); setTimeout(() => process.exit(0), 700); }); console.log('up'); setInterval(() => {}, 1000);"], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    service.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((resolve) => service.stdout!.once('data', resolve));
    const serviceExit = new Promise<number | null>((resolve) => service.once('exit', resolve));
    const drain = spawn(process.execPath, [path.join(REPO_ROOT, 'deploy/docker/drain.mjs'), '--delay-seconds', '0', '--pid', String(service.pid)], { stdio: 'ignore' });
    const order: string[] = [];
    void serviceExit.then(() => order.push('service exited'));
    const drainCode = await new Promise<number | null>((resolve) => drain.once('exit', (code) => { order.push('hook returned'); resolve(code); }));
    expect(await serviceExit).toBe(0);
    expect(drainCode).toBe(0);
    expect(out).toContain('draining');
    expect(order).toEqual(['service exited', 'hook returned']);
  });
});
