import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@voicebot/common/paths';
import { build, type Resource } from './lib/kustomize.ts';
import { schemaProblems } from './lib/schemas.ts';
import { loadConfig } from '@voicebot/common';
import { DRAIN_ENV, SERVICES, SHAPES, declaredEnv, type ServiceName } from './lib/service-config.ts';
import { byKind, envOf, hasPort, podsSelected, selects, type Deployment, type EnvVar, type LabelSelector } from './lib/workloads.ts';

const K8S = path.join(REPO_ROOT, 'deploy/k8s');
/** Services that keep records in PostgreSQL (media keeps none). */
const STORING: readonly string[] = ['dialogue', 'dialer'];
const OVERLAYS = ['demo', 'production'] as const;
const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, build(path.join(K8S, 'overlays', o))])) as Record<
  (typeof OVERLAYS)[number],
  Resource[]
>;

/** Secrets an operator creates by hand in production (README "Deploy on Kubernetes"). */
function readmeSecrets(): Map<string, Set<string>> {
  const readme = fs.readFileSync(path.join(K8S, 'README.md'), 'utf8');
  const out = new Map<string, Set<string>>();
  for (const m of readme.matchAll(/kubectl[^\n]*create secret (?:generic|tls) ([a-z0-9-]+)((?:[^\n]*\\\n)*[^\n]*)/g)) {
    const keys = new Set([...m[2]!.matchAll(/--from-(?:literal|file)=([A-Za-z0-9_.-]+)=/g)].map((k) => k[1]!));
    if (m[0].includes('create secret tls')) keys.add('tls.crt').add('tls.key');
    out.set(m[1]!, keys);
  }
  return out;
}

function deployment(resources: Resource[], service: string): Deployment {
  const d = byKind<Deployment>(resources, 'Deployment').find((x) => x.metadata.name === `voicebot-${service}`);
  if (!d) throw new Error(`no Deployment voicebot-${service}`);
  return d;
}

describe('base renders on its own', () => {
  it('every base resource validates', () => {
    const problems = build(path.join(K8S, 'base')).flatMap(schemaProblems);
    expect(problems).toEqual([]);
  });
});

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  const resources = rendered[overlay];
  const deployments = byKind<Deployment>(resources, 'Deployment');

  it('validates against the Kubernetes and Prometheus Operator schemas', () => {
    expect(resources.length).toBeGreaterThan(10);
    expect(resources.flatMap(schemaProblems)).toEqual([]);
  });

  it('puts everything namespaced in its own Namespace', () => {
    const ns = byKind(resources, 'Namespace').map((n) => n.metadata.name);
    expect(ns).toHaveLength(1);
    const stray = resources.filter((r) => r.kind !== 'Namespace' && r.metadata.namespace !== ns[0]).map((r) => `${r.kind}/${r.metadata.name}`);
    expect(stray).toEqual([]);
  });

  it('has the three services with matching selectors and template labels', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(SERVICES.map((s) => `voicebot-${s}`).sort());
    for (const d of deployments) expect(selects(d.spec.selector, d.spec.template.metadata.labels), d.metadata.name).toBe(true);
  });

  it('runs non-root on a read-only root filesystem with data and /tmp as volumes', () => {
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      expect(pod.securityContext?.runAsNonRoot, d.metadata.name).toBe(true);
      for (const c of pod.containers) {
        expect(c.securityContext, d.metadata.name).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
        const mounts = (c.volumeMounts ?? []).map((m) => m.mountPath);
        expect(mounts, d.metadata.name).toEqual(expect.arrayContaining(['/tmp', '/var/lib/voicebot']));
        for (const m of c.volumeMounts ?? []) expect(pod.volumes?.some((v) => v.name === m.name), `${d.metadata.name} volume ${m.name}`).toBe(true);
      }
    }
  });

  it('probes /healthz for liveness and /readyz for readiness on a declared port', () => {
    for (const d of deployments) {
      for (const c of d.spec.template.spec.containers) {
        expect(c.livenessProbe?.httpGet?.path, d.metadata.name).toBe('/healthz');
        expect(c.readinessProbe?.httpGet?.path, d.metadata.name).toBe('/readyz');
        for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
          if (probe?.httpGet) expect(hasPort(d, probe.httpGet.port), `${d.metadata.name} probe port ${probe.httpGet.port}`).toBe(true);
        }
      }
    }
  });

  it('drains: preStop runs the shipped drain script and the grace period outlasts delay + drain', () => {
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      for (const c of pod.containers) {
        const cmd = c.lifecycle?.preStop?.exec?.command ?? [];
        const script = cmd.find((a) => a.startsWith('/app/'));
        expect(script, `${d.metadata.name} preStop`).toBeDefined();
        expect(fs.existsSync(path.join(REPO_ROOT, script!.slice('/app/'.length))), script).toBe(true);
        const delay = Number(cmd[cmd.indexOf('--delay-seconds') + 1]);
        const env = envOf(resources, c);
        const graceMs = Number(env.get(DRAIN_ENV[c.name as ServiceName]));
        expect(graceMs, `${d.metadata.name} drain grace`).toBeGreaterThan(0);
        expect(delay + graceMs / 1000 + 5, d.metadata.name).toBeLessThanOrEqual(pod.terminationGracePeriodSeconds ?? 30);
      }
    }
    // A call must be able to run out: media and dialogue give it minutes.
    expect(deployment(resources, 'media').spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(300);
    expect(deployment(resources, 'dialogue').spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(300);
    expect(deployment(resources, 'media').spec.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
  });

  it('starts each service from the one image with its name as the argument', () => {
    const images = new Set(deployments.flatMap((d) => d.spec.template.spec.containers.map((c) => c.image)));
    expect(images.size).toBe(1);
    for (const s of SERVICES) expect(deployment(resources, s).spec.template.spec.containers[0]!.args).toEqual([s]);
  });

  it('resolves every ConfigMap and Secret reference', () => {
    const external = overlay === 'production' ? readmeSecrets() : new Map<string, Set<string>>();
    const missing: string[] = [];
    for (const d of deployments) {
      for (const c of d.spec.template.spec.containers) {
        for (const from of c.envFrom ?? []) {
          const name = from.configMapRef?.name ?? from.secretRef?.name;
          const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
          if (!resources.some((r) => r.kind === kind && r.metadata.name === name)) missing.push(`${d.metadata.name}: ${kind} ${name}`);
        }
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (!ref || ref.optional) continue;
          const secret = resources.find((r) => r.kind === 'Secret' && r.metadata.name === ref.name);
          const keys = secret ? new Set(Object.keys({ ...(secret.data as object), ...(secret.stringData as object) })) : external.get(ref.name);
          if (!keys?.has(ref.key)) missing.push(`${d.metadata.name}: ${e.name} <- Secret ${ref.name} key ${ref.key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('sets only VOICEBOT_* variables the services declare, with values their schemas accept', () => {
    const anyService = new Set(SERVICES.flatMap((s) => [...declaredEnv(s)]));
    const unknown: string[] = [];
    for (const cm of byKind(resources, 'ConfigMap').filter((x) => x.metadata.name === 'voicebot-config')) {
      for (const key of Object.keys(cm.data as object)) if (!anyService.has(key)) unknown.push(`ConfigMap ${key}`);
    }
    for (const s of SERVICES) {
      const c = deployment(resources, s).spec.template.spec.containers[0]!;
      for (const e of c.env ?? []) {
        if (e.name !== 'NODE_OPTIONS' && !declaredEnv(s).has(e.name)) unknown.push(`${s} env ${e.name}`);
      }
      const shape = SHAPES[s];
      const env: Record<string, string> = {};
      for (const [k, v] of envOf(resources, c)) env[k] = typeof v === 'string' ? v : v.valueFrom?.fieldRef ? 'pod-0' : 'from-a-secret';
      delete env.VOICEBOT_DATABASE_URL;
      expect(() => loadConfig(s, shape, env), s).not.toThrow();
    }
    expect(unknown).toEqual([]);
  });

  it('points Services, PDBs, HPAs, ingress backends and monitors at real pods and ports', () => {
    for (const svc of byKind(resources, 'Service')) {
      const spec = svc.spec as { selector: Record<string, string>; ports: { port: number; targetPort?: number | string }[] };
      const pods = podsSelected(resources, { matchLabels: spec.selector });
      expect(pods.length, `Service ${svc.metadata.name}`).toBe(1);
      for (const p of spec.ports) expect(hasPort(pods[0]!, p.targetPort ?? p.port), `Service ${svc.metadata.name} port ${p.port}`).toBe(true);
    }
    for (const pdb of byKind(resources, 'PodDisruptionBudget')) {
      const spec = pdb.spec as { selector: LabelSelector };
      expect(podsSelected(resources, spec.selector).length, `PDB ${pdb.metadata.name}`).toBe(1);
    }
    for (const hpa of byKind(resources, 'HorizontalPodAutoscaler')) {
      const ref = (hpa.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
      expect(resources.some((r) => r.kind === ref.kind && r.metadata.name === ref.name), `HPA ${hpa.metadata.name}`).toBe(true);
    }
    for (const ing of byKind(resources, 'Ingress')) {
      const rules = (ing.spec as { rules: { http: { paths: { backend: { service: { name: string; port: { name?: string; number?: number } } } }[] } }[] }).rules;
      for (const p of rules.flatMap((r) => r.http.paths)) {
        const svc = byKind(resources, 'Service').find((s) => s.metadata.name === p.backend.service.name);
        const ports = (svc?.spec as { ports: { name?: string; port: number }[] } | undefined)?.ports ?? [];
        expect(ports.some((x) => x.name === p.backend.service.port.name || x.port === p.backend.service.port.number), `Ingress -> ${p.backend.service.name}`).toBe(true);
      }
    }
    for (const pm of byKind(resources, 'PodMonitor')) {
      const spec = pm.spec as { selector: LabelSelector; podMetricsEndpoints: { port: string; path?: string }[] };
      const pods = podsSelected(resources, spec.selector);
      expect(pods.length, `PodMonitor ${pm.metadata.name}`).toBe(1);
      for (const e of spec.podMetricsEndpoints) {
        expect(hasPort(pods[0]!, e.port), `PodMonitor ${pm.metadata.name} port ${e.port}`).toBe(true);
        expect(e.path ?? '/metrics').toBe('/metrics');
      }
    }
  });

  it('dials gRPC peers through headless Services with dns:/// (client-side round robin)', () => {
    const addrs = [...envOf(resources, deployment(resources, 'media').spec.template.spec.containers[0]!).entries()]
      .concat([...envOf(resources, deployment(resources, 'dialogue').spec.template.spec.containers[0]!).entries()])
      .filter(([k]) => k.endsWith('_ADDR'));
    expect(addrs.length).toBeGreaterThanOrEqual(3);
    for (const [key, value] of addrs) {
      const m = /^dns:\/\/\/([a-z0-9-]+):(\d+)$/.exec(String(value));
      expect(m, `${key}=${String(value)}`).not.toBeNull();
      const svc = byKind(resources, 'Service').find((s) => s.metadata.name === m![1]);
      const spec = svc?.spec as { clusterIP?: string; ports: { port: number }[] } | undefined;
      expect(spec?.clusterIP, `${key}: ${m![1]} must be headless`).toBe('None');
      expect(spec?.ports.some((p) => p.port === Number(m![2])), `${key}: port`).toBe(true);
    }
  });

  it('network policies: default deny, and every allowed flow lands on a real pod port', () => {
    const policies = byKind(resources, 'NetworkPolicy');
    const deny = policies.find((p) => {
      const s = p.spec as { ingress?: unknown; egress?: unknown; policyTypes: string[] };
      return !s.ingress && !s.egress && s.policyTypes.includes('Ingress') && s.policyTypes.includes('Egress');
    });
    expect(deny, 'a default-deny policy').toBeDefined();
    type Peer = { podSelector?: LabelSelector; namespaceSelector?: unknown; ipBlock?: unknown };
    type Rule = { from?: Peer[]; to?: Peer[]; ports?: { port: number | string }[] };
    for (const p of policies) {
      const spec = p.spec as { podSelector: LabelSelector; ingress?: Rule[]; egress?: Rule[] };
      const own = podsSelected(resources, spec.podSelector);
      expect(own.length, `NetworkPolicy ${p.metadata.name} selects pods`).toBeGreaterThan(0);
      for (const rule of spec.ingress ?? []) {
        for (const port of rule.ports ?? []) {
          expect(own.some((d) => hasPort(d, port.port)), `${p.metadata.name}: ingress port ${port.port}`).toBe(true);
        }
      }
      for (const rule of spec.egress ?? []) {
        for (const peer of rule.to ?? []) {
          if (!peer.podSelector || peer.namespaceSelector) continue;
          const peers = podsSelected(resources, peer.podSelector);
          expect(peers.length, `${p.metadata.name}: egress peer`).toBeGreaterThan(0);
          for (const port of rule.ports ?? []) expect(peers.some((d) => hasPort(d, port.port)), `${p.metadata.name}: egress port ${port.port}`).toBe(true);
        }
      }
    }
  });
});

describe('overlay specifics', () => {
  it('demo: one replica each, embedded storage, demo secrets', () => {
    const r = rendered.demo;
    for (const s of SERVICES) expect(deployment(r, s).spec.replicas, s).toBe(1);
    for (const s of STORING) {
      const db = deployment(r, s).spec.template.spec.containers[0]!.env?.find((e) => e.name === 'VOICEBOT_DATABASE_URL') as EnvVar | undefined;
      expect(db?.valueFrom?.secretKeyRef?.optional, s).toBe(true);
    }
    expect(r.some((x) => x.kind === 'Secret' && x.metadata.name === 'voicebot-database')).toBe(false);
    for (const s of ['dialogue', 'dialer']) {
      const d = deployment(r, s);
      expect(d.spec.strategy?.type).toBe('Recreate');
      const claim = d.spec.template.spec.volumes?.find((v) => v.name === 'data')?.persistentVolumeClaim?.claimName;
      expect(r.some((x) => x.kind === 'PersistentVolumeClaim' && x.metadata.name === claim), `${s} data volume`).toBe(true);
    }
    expect(r.some((x) => x.kind === 'HorizontalPodAutoscaler')).toBe(false);
  });

  it('production: PostgreSQL required where records are kept, sized pods, dialer x2, HPAs on calls and CPU', () => {
    const r = rendered.production;
    for (const s of SERVICES) {
      const c = deployment(r, s).spec.template.spec.containers[0]!;
      const db = c.env?.find((e) => e.name === 'VOICEBOT_DATABASE_URL');
      if (STORING.includes(s)) expect(db?.valueFrom?.secretKeyRef, s).toMatchObject({ name: 'voicebot-database', key: 'url', optional: false });
      else expect(db, `${s} keeps no records and gets no database URL`).toBeUndefined();
      expect(c.resources?.requests?.cpu, s).toBeDefined();
      expect(c.resources?.requests?.memory, s).toBeDefined();
      expect(c.resources?.limits?.memory, s).toBeDefined();
    }
    expect(deployment(r, 'dialer').spec.replicas).toBeGreaterThanOrEqual(2);
    const hpas = byKind(r, 'HorizontalPodAutoscaler');
    type Metric = { type: string; pods?: { metric: { name: string } }; resource?: { name: string } };
    const metrics = (name: string): Metric[] => (hpas.find((h) => h.metadata.name === name)?.spec as { metrics: Metric[] }).metrics;
    expect(metrics('voicebot-media').map((m) => m.pods?.metric.name ?? m.resource?.name)).toEqual(['voicebot_media_active_calls', 'cpu']);
    expect(metrics('voicebot-dialogue').map((m) => m.resource?.name)).toEqual(['cpu']);
    expect(hpas.some((h) => h.metadata.name === 'voicebot-dialer')).toBe(false);
    // The call target leaves headroom under the per-pod cap, and the ASR pool matches the CPU request.
    const media = deployment(r, 'media').spec.template.spec.containers[0]!;
    const env = envOf(r, media);
    const target = (hpas.find((h) => h.metadata.name === 'voicebot-media')!.spec as { metrics: { pods?: { target: { averageValue: string } } }[] }).metrics[0]!.pods!.target.averageValue;
    expect(Number(target)).toBeLessThan(Number(env.get('VOICEBOT_MEDIA_MAX_CALLS')));
    expect(env.get('VOICEBOT_MEDIA_WORKERS')).toBe(media.resources?.requests?.cpu);
    // Carrier-facing HTTP ports admit only the ingress controller.
    type Rule = { from?: { namespaceSelector?: { matchLabels?: Record<string, string> } }[]; ports: { port: number }[] };
    for (const [policy, port] of [['voicebot-media-carrier-ingress', 8081], ['voicebot-dialer-ingress', 9462]] as const) {
      const rules = (byKind(r, 'NetworkPolicy').find((p) => p.metadata.name === policy)!.spec as { ingress: Rule[] }).ingress;
      const rule = rules.find((x) => x.ports.some((p) => p.port === port))!;
      expect(rule.from?.[0]?.namespaceSelector?.matchLabels, policy).toEqual({ 'kubernetes.io/metadata.name': 'ingress-nginx' });
    }
  });
});
