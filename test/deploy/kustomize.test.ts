import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyJsonPatch } from './lib/json-patch.ts';
import { build } from './lib/kustomize.ts';
import { strategicMerge, type Json } from './lib/strategic-merge.ts';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'web:1',
            ports: [{ name: 'http', containerPort: 80 }],
            env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
          },
          { name: 'sidecar', image: 'registry.example.com:5000/side:2' },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
};
const base = deployment as unknown as Json;

describe('strategicMerge', () => {
  it('merges containers by name and env by name, keeping the rest', () => {
    const out = strategicMerge(base, {
      spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }] }] } } },
    }) as typeof deployment;
    const web = out.spec.template.spec.containers[0]!;
    expect(web.image).toBe('web:1');
    expect(web.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }]);
    expect(out.spec.template.spec.containers).toHaveLength(2);
  });

  it('deletes keys set to null and list items marked $patch: delete', () => {
    const out = strategicMerge(base, {
      spec: {
        template: {
          spec: {
            volumes: [{ name: 'data', emptyDir: null, persistentVolumeClaim: { claimName: 'pvc' } }],
            containers: [{ name: 'sidecar', $patch: 'delete' }],
          },
        },
      },
    }) as typeof deployment;
    expect(out.spec.template.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'pvc' } }]);
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['web']);
  });

  it('replaces a map marked $patch: replace and lists without a merge key', () => {
    const out = strategicMerge(
      { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } }, args: ['a', 'b'] } },
      { spec: { strategy: { $patch: 'replace', type: 'Recreate' }, args: ['c'] } },
    );
    expect(out).toEqual({ spec: { strategy: { type: 'Recreate' }, args: ['c'] } });
  });

  it('refuses a list item without its merge key, naming the list', () => {
    expect(() => strategicMerge(base, { spec: { template: { spec: { containers: [{ image: 'x' }] } } } })).toThrow(
      /containers.*merge key "name"/,
    );
  });
});

describe('applyJsonPatch', () => {
  it('applies add, replace, remove, test, copy and move', () => {
    const out = applyJsonPatch({ a: { b: [1, 2] }, c: 'x' }, [
      { op: 'test', path: '/c', value: 'x' },
      { op: 'add', path: '/a/b/-', value: 3 },
      { op: 'add', path: '/a/b/0', value: 0 },
      { op: 'replace', path: '/c', value: 'y' },
      { op: 'copy', from: '/c', path: '/d' },
      { op: 'move', from: '/d', path: '/e~1f' },
      { op: 'remove', path: '/a/b/1' },
    ]);
    expect(out).toEqual({ a: { b: [0, 2, 3] }, c: 'y', 'e/f': 'y' });
  });

  it('fails a failed test and a missing path with the pointer in the message', () => {
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow('/a');
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '/b/c', value: 2 }])).toThrow('/b/c');
  });
});

describe('build (kustomize)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'voicebot-kustomize-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };

  write('base/kustomization.yaml', 'resources: [deploy.yaml]\n');
  write('base/deploy.yaml', `${JSON.stringify(deployment)}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n`);
  write('base/files/app.conf', 'hello\n');
  write('overlay/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: placeholder}\n');
  write(
    'overlay/kustomization.yaml',
    `namespace: prod
resources: [../base, ns.yaml]
commonLabels: {team: voice}
labels:
  - pairs: {tier: backend}
images:
  - {name: web, newName: registry.example.com/web, newTag: "2"}
  - {name: registry.example.com:5000/side, digest: "sha256:abc"}
replicas:
  - {name: web, count: 3}
configMapGenerator:
  - name: app
    literals: [MODE=prod]
    files: [conf=../base/files/app.conf]
    options: {disableNameSuffixHash: true, labels: {kind: generated}}
patches:
  - path: resources.yaml
  - target: {kind: Deployment, name: "w.b"}
    patch: |-
      - op: add
        path: /spec/template/spec/containers/0/args
        value: ["serve"]
`,
  );
  write('overlay/resources.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: [{name: web, resources: {limits: {memory: 1Gi}}}]}}}\n');

  it('renders resources, patches, namespace, labels, images, replicas and generators', () => {
    const out = build(path.join(root, 'overlay'));
    const dep = out.find((r) => r.kind === 'Deployment') as unknown as typeof deployment & { metadata: { namespace: string } };
    const svc = out.find((r) => r.kind === 'Service')!;
    const cm = out.find((r) => r.kind === 'ConfigMap')!;
    expect(out.filter((r) => r.kind !== 'Namespace').every((r) => r.metadata.namespace === 'prod')).toBe(true);
    expect(out.find((r) => r.kind === 'Namespace')!.metadata).toMatchObject({ name: 'prod' });
    expect(dep.spec.replicas).toBe(3);
    expect(dep.spec.template.spec.containers[0]).toMatchObject({
      image: 'registry.example.com/web:2',
      args: ['serve'],
      resources: { limits: { memory: '1Gi' } },
    });
    expect(dep.spec.template.spec.containers[1]!.image).toBe('registry.example.com:5000/side@sha256:abc');
    expect(dep.metadata.labels).toEqual({ app: 'web', team: 'voice', tier: 'backend' });
    expect(dep.spec.selector.matchLabels).toEqual({ app: 'web', team: 'voice' });
    expect(dep.spec.template.metadata.labels).toEqual({ app: 'web', team: 'voice' });
    expect((svc.spec as { selector: unknown }).selector).toEqual({ app: 'web', team: 'voice' });
    expect(cm).toMatchObject({ metadata: { name: 'app', labels: { kind: 'generated' } }, data: { MODE: 'prod', conf: 'hello\n' } });
  });

  it('names the unsupported field, the missing resource and the unmatched patch', () => {
    write('bad1/kustomization.yaml', 'resources: []\nhelmCharts: []\n');
    write('bad2/kustomization.yaml', 'resources: [missing.yaml]\n');
    write('bad3/kustomization.yaml', 'resources: [../base]\npatches:\n  - patch: "{apiVersion: v1, kind: Service, metadata: {name: nope}}"\n');
    write('bad4/kustomization.yaml', 'configMapGenerator:\n  - {name: x, literals: [A=1]}\n');
    expect(() => build(path.join(root, 'bad1'))).toThrow(/field "helmCharts"/);
    expect(() => build(path.join(root, 'bad2'))).toThrow(/missing\.yaml does not exist/);
    expect(() => build(path.join(root, 'bad3'))).toThrow(/no resource matches/);
    expect(() => build(path.join(root, 'bad4'))).toThrow(/disableNameSuffixHash/);
  });
});
