import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPglite, createTestPostgres, REPO_ROOT, type TestDatabase } from '@voicebot/common';
import { parseDockerfile } from './lib/dockerfile.ts';
import { assembleImage, type ImageTree } from './lib/image-tree.ts';
import { build } from './lib/kustomize.ts';
import { expressions, owner, serviceMetrics } from './lib/metric-refs.ts';
import { exposedSeries, metricFamilies, startServices, tempDir, waitForHttp, type RunningService } from './lib/run-services.ts';
import { DRAIN_ENV, SERVICES, type ServiceName } from './lib/service-config.ts';

/**
 * The deploy files may only use metrics the services really export: start the three services
 * from the image's file tree (the Dockerfile's COPY lines, production node_modules only) with
 * the image's entry point, as the production overlay configures them (its ConfigMap and env, the
 * demo overlay's secret values, a throwaway PostgreSQL database — PGlite when no PostgreSQL
 * runs), scrape /metrics, and compare with every metric the alert and recording rules, the
 * dashboard and the Prometheus Adapter rule select. A `_bucket`/`_sum`/`_count` use counts as its
 * histogram. Along the way: readiness, nothing written into the read-only image tree, and a clean
 * exit on SIGTERM.
 */

const OPS_PORT: Record<ServiceName, number> = { media: 9463, dialogue: 9461, dialer: 9462 };
const MODEL_DIR = path.join(REPO_ROOT, 'wasm/models/voicebot-tel-zh-en');

/** The runtime stage's ENTRYPOINT without tini, with /app mapped to the assembled tree. */
function entrypoint(root: string): string[] {
  const line = parseDockerfile(fs.readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8')).filter((i) => i.keyword === 'ENTRYPOINT').at(-1)!;
  const argv = JSON.parse(line.args) as string[];
  const afterTini = argv[0]!.endsWith('/tini') ? argv.slice(argv.indexOf('--') + 1) : argv;
  return afterTini.map((a) => (a.startsWith('/app/') ? path.join(root, a.slice('/app/'.length)) : a));
}

function secretsOf(dir: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const s of build(dir).filter((r) => r.kind === 'Secret')) {
    const data = (s.data ?? {}) as Record<string, string>;
    out[s.metadata.name] = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  }
  return out;
}

async function testDatabase(): Promise<TestDatabase> {
  try {
    return await createTestPostgres();
  } catch {
    return createTestPglite();
  }
}

describe('metrics used by deploy/k8s are exported by the running services', () => {
  const databases: TestDatabase[] = [];
  const dirs: string[] = [];
  let services: RunningService[] = [];
  let image: ImageTree | undefined;
  const exposed = new Map<ServiceName, Set<string>>();

  beforeAll(async () => {
    const storage = new Map<ServiceName, TestDatabase>();
    for (const s of ['dialogue', 'dialer'] as const) {
      const db = await testDatabase();
      databases.push(db);
      storage.set(s, db);
    }
    const demoSecrets = secretsOf(path.join(REPO_ROOT, 'deploy/k8s/overlays/demo'));
    image = assembleImage();
    services = await startServices({
      root: image.root,
      entrypoint: entrypoint(image.root),
      resources: build(path.join(REPO_ROOT, 'deploy/k8s/overlays/production')),
      secrets: (s) => ({ ...demoSecrets, ...(storage.has(s) ? { 'voicebot-database': { url: storage.get(s)!.url } } : {}) }),
      overrides: (s) => {
        const dir = tempDir(`voicebot-deploy-${s}-`);
        dirs.push(dir);
        return {
          VOICEBOT_DATA_DIR: dir,
          VOICEBOT_LOG_LEVEL: 'warn',
          NODE_OPTIONS: '',
          [DRAIN_ENV[s]]: '2000',
          // The CPU is shared: one ASR worker is enough to register every metric.
          ...(s === 'media' ? { VOICEBOT_MEDIA_WORKERS: '1', VOICEBOT_MEDIA_WARM_SLOTS: '1' } : {}),
        };
      },
    });
    await Promise.all(
      services.map(async (svc) => {
        const body = await waitForHttp(svc, `http://127.0.0.1:${svc.port(OPS_PORT[svc.name])}/metrics`, 180_000);
        exposed.set(svc.name, exposedSeries(metricFamilies(body)));
      }),
    );
  }, 240_000);

  afterAll(async () => {
    for (const svc of services) if (svc.child.exitCode === null) svc.child.kill('SIGKILL');
    await Promise.all(services.map((s) => s.exited));
    for (const db of databases) await db.drop().catch(() => {});
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    image?.remove();
  }, 60_000);

  it('each service turns ready (media: the shipped model loaded and its workers warm)', async () => {
    expect(fs.existsSync(path.join(MODEL_DIR, 'manifest.json'))).toBe(true);
    await Promise.all(services.map((svc) => waitForHttp(svc, `http://127.0.0.1:${svc.port(OPS_PORT[svc.name])}/readyz`, 180_000)));
  }, 200_000);

  it('media reports its capacity to the dialer through the configured dns:/// address', async () => {
    const media = services.find((s) => s.name === 'media')!;
    const dialer = services.find((s) => s.name === 'dialer')!;
    expect(media.env.VOICEBOT_MEDIA_DIALER_ADDR).toMatch(/^dns:\/\/\/127\.0\.0\.1:\d+$/);
    const slots = `voicebot_dialer_free_robot_slots{service="dialer"} ${media.env.VOICEBOT_MEDIA_MAX_CALLS}`;
    const deadline = Date.now() + 30_000;
    let body = '';
    while (Date.now() < deadline && !body.includes(slots)) {
      await new Promise((r) => setTimeout(r, 500));
      body = await (await fetch(`http://127.0.0.1:${dialer.port(OPS_PORT.dialer)}/metrics`)).text();
    }
    expect(body).toContain(slots);
  }, 40_000);

  it.each(SERVICES)('%s exports every metric of its own that the rules, dashboard and adapter use', (service) => {
    const missing = new Map<string, string[]>();
    const used = new Set<string>();
    for (const { where, expr } of expressions()) {
      for (const m of serviceMetrics(expr).filter((x) => owner(x) === service)) {
        used.add(m);
        if (!exposed.get(service)!.has(m)) missing.set(m, [...(missing.get(m) ?? []), where]);
      }
    }
    expect(used.size, `metrics of ${service} in use`).toBeGreaterThanOrEqual(4);
    const report = [...missing].map(([m, where]) => `${m} (used by ${[...new Set(where)].join('; ')})`);
    expect(report.join('\n'), `metrics not exported by ${service}`).toBe('');
  });

  it('writes nothing into the image (read-only root filesystem)', () => {
    expect(image!.changes()).toEqual([]);
  });

  it('every service drains and exits 0 on SIGTERM', async () => {
    for (const svc of services) svc.child.kill('SIGTERM');
    const codes = await Promise.all(services.map(async (svc) => [svc.name, await svc.exited] as const));
    expect(Object.fromEntries(codes)).toEqual({ media: 0, dialogue: 0, dialer: 0 });
  }, 60_000);
});
