import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@voicebot/common';
import type { Resource } from './kustomize.ts';
import { SERVICES, type ServiceName } from './service-config.ts';
import { byKind, envOf, type Deployment } from './workloads.ts';

/**
 * Runs the three services as a rendered overlay configures them, from an image tree (see
 * image-tree.ts) with the image's entry point and each container's args, on loopback: every
 * container port gets a free local port, every `<service-name>:<port>` in a value (gRPC
 * addresses, public URLs) is rewritten to the local port behind that Service, and 0.0.0.0
 * binds become 127.0.0.1.
 */

export interface RunningService {
  name: ServiceName;
  env: Record<string, string>;
  /** Local port for a container port of this service. */
  port(containerPort: number): number;
  /** Last lines of stdout and stderr, for failure messages. */
  output(): string;
  exited: Promise<number | null>;
  child: ChildProcess;
}

type SecretData = Record<string, Record<string, string>>;

function deploymentOf(resources: Resource[], service: ServiceName): Deployment {
  const d = byKind<Deployment>(resources, 'Deployment').find((x) => x.metadata.name === `voicebot-${service}`);
  if (!d) throw new Error(`no Deployment voicebot-${service}`);
  return d;
}

/** containerPort -> local port, per service. */
async function allocatePorts(resources: Resource[]): Promise<Map<ServiceName, Map<number, number>>> {
  const out = new Map<ServiceName, Map<number, number>>();
  for (const s of SERVICES) {
    const ports = new Map<number, number>();
    for (const c of deploymentOf(resources, s).spec.template.spec.containers) {
      for (const p of c.ports ?? []) ports.set(p.containerPort, await freePort());
    }
    out.set(s, ports);
  }
  return out;
}

/** `<service>:<port>` of every Service -> `127.0.0.1:<local port of the pod port behind it>`. */
function serviceRewrites(resources: Resource[], local: Map<ServiceName, Map<number, number>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const svc of byKind(resources, 'Service')) {
    const spec = svc.spec as { selector: Record<string, string>; ports: { port: number; targetPort?: number | string }[] };
    const service = SERVICES.find((s) => spec.selector['app.kubernetes.io/name'] === `voicebot-${s}`);
    if (!service) continue;
    const containerPorts = deploymentOf(resources, service).spec.template.spec.containers.flatMap((c) => c.ports ?? []);
    for (const p of spec.ports) {
      const target = p.targetPort ?? p.port;
      const containerPort = typeof target === 'number' ? target : containerPorts.find((c) => c.name === target)?.containerPort;
      const localPort = containerPort === undefined ? undefined : local.get(service)?.get(containerPort);
      if (localPort) out.set(`${svc.metadata.name}:${p.port}`, `127.0.0.1:${localPort}`);
    }
  }
  return out;
}

function resolveEnv(resources: Resource[], service: ServiceName, secrets: SecretData): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of envOf(resources, deploymentOf(resources, service).spec.template.spec.containers[0]!)) {
    if (typeof v === 'string') {
      env[k] = v;
      continue;
    }
    const ref = v.valueFrom?.secretKeyRef;
    if (ref) {
      const value = secrets[ref.name]?.[ref.key];
      if (value !== undefined) env[k] = value;
      else if (!ref.optional) throw new Error(`${service}: ${k} needs Secret ${ref.name} key ${ref.key}`);
    } else if (v.valueFrom?.fieldRef) {
      env[k] = `voicebot-${service}-test`;
    }
  }
  return env;
}

export interface StartOptions {
  resources: Resource[];
  /** The image's /app. */
  root: string;
  /** The image's ENTRYPOINT as run by node (paths under /app mapped to root). */
  entrypoint: string[];
  /** Secret values by Secret name and key, per service (e.g. its own database URL). */
  secrets: (service: ServiceName) => SecretData;
  /** Per-service overrides applied last (e.g. storage, small drain grace). */
  overrides: (service: ServiceName) => Record<string, string>;
}

export async function startServices(opts: StartOptions): Promise<RunningService[]> {
  const local = await allocatePorts(opts.resources);
  const rewrites = serviceRewrites(opts.resources, local);
  return SERVICES.map((name) => {
    const ports = local.get(name)!;
    const env = resolveEnv(opts.resources, name, opts.secrets(name));
    for (const [k, v] of Object.entries(env)) {
      let value = v;
      if (k.endsWith('_PORT') && k.startsWith(`VOICEBOT_${name.toUpperCase()}_`) && ports.has(Number(v))) value = String(ports.get(Number(v)));
      if (k.endsWith('_HOST') && v === '0.0.0.0') value = '127.0.0.1';
      for (const [from, to] of rewrites) value = value.split(from).join(to);
      env[k] = value;
    }
    Object.assign(env, opts.overrides(name));
    const container = deploymentOf(opts.resources, name).spec.template.spec.containers[0]!;
    const [command, ...entryArgs] = opts.entrypoint;
    if (command !== 'node') throw new Error(`entrypoint must run node, got ${command}`);
    const child = spawn(process.execPath, [...entryArgs, ...(container.args ?? [])], {
      cwd: opts.root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), TMPDIR: os.tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const keep = (chunk: Buffer): void => {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (lines.length > 60) lines.splice(0, lines.length - 60);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return {
      name,
      env,
      child,
      exited,
      port: (containerPort: number) => {
        const p = ports.get(containerPort);
        if (!p) throw new Error(`${name} has no container port ${containerPort}`);
        return p;
      },
      output: () => lines.join('\n'),
    };
  });
}

/** GET a URL until it answers 200 (or the process exits, or time runs out). */
export async function waitForHttp(service: RunningService, url: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void service.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${service.name} exited with ${exitCode} before ${url} answered:\n${service.output()}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return await res.text();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service.name}: ${url} did not answer 200 within ${timeoutMs} ms:\n${service.output()}`);
}

/** Metric families of a Prometheus text exposition: name -> type. */
export function metricFamilies(exposition: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) out.set(m[1]!, m[2]!);
  return out;
}

/** Series names a family exposes: histograms and summaries add _bucket/_sum/_count. */
export function exposedSeries(families: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [name, type] of families) {
    out.add(name);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) out.add(name + s);
    if (type === 'summary') for (const s of ['_sum', '_count']) out.add(name + s);
  }
  return out;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
