import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@voicebot/common/paths';
import { copySources, dockerIgnore, parseDockerfile } from './dockerfile.ts';
import { tempDir } from './run-services.ts';

/**
 * The image's /app, assembled without Docker: the Dockerfile's COPY lines applied to a temporary
 * directory (honouring .dockerignore), and a node_modules holding only what `npm ci --omit=dev`
 * installs (the lockfile's non-dev packages, linked from the repository's node_modules; the
 * workspace links pointing into the assembled tree). Running the services from it proves the
 * image carries every file they read and no dev dependency is needed at run time.
 */
export interface ImageTree {
  root: string;
  /** Files under root that differ from the assembled state (the image's filesystem is read-only). */
  changes(): string[];
  remove(): void;
}

function copyTree(src: string, dest: string, rel: string, ignored: (p: string) => boolean): void {
  if (ignored(rel)) return;
  const stat = fs.statSync(src);
  if (stat.isDirectory()) {
    fs.mkdirSync(dest, { recursive: true });
    for (const name of fs.readdirSync(src)) copyTree(path.join(src, name), path.join(dest, name), `${rel}/${name}`, ignored);
  } else {
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(src, dest);
  }
}

function linkProductionModules(root: string): void {
  const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; link?: boolean; resolved?: string }>;
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!/^node_modules\/(?:@[^/]+\/)?[^/]+$/.test(key) || entry.dev) continue;
    const target = entry.link ? path.join(root, entry.resolved!) : path.join(REPO_ROOT, key);
    if (!fs.existsSync(target)) continue; // an optional package for another platform
    fs.mkdirSync(path.dirname(path.join(root, key)), { recursive: true });
    fs.symlinkSync(target, path.join(root, key));
  }
}

function snapshot(root: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) continue; // node_modules links: the repository's own files
      if (entry.isDirectory()) walk(full);
      else out.set(path.relative(root, full), fs.statSync(full).mtimeMs);
    }
  };
  walk(root);
  return out;
}

export function assembleImage(): ImageTree {
  const root = tempDir('voicebot-image-');
  const ignored = dockerIgnore(fs.readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8'));
  const instructions = parseDockerfile(fs.readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8'));
  const workdir = instructions.find((i) => i.keyword === 'WORKDIR')?.args ?? '/';
  for (const i of instructions.filter((x) => x.keyword === 'COPY')) {
    const { from, sources } = copySources(i.args);
    if (from) continue;
    const words = i.args.split(/\s+/).filter((w) => !w.startsWith('--'));
    const destArg = words.at(-1)!;
    const dest = path.join(root, path.posix.relative(workdir, path.posix.resolve(workdir, destArg)));
    for (const src of sources) {
      const full = path.join(REPO_ROOT, src);
      const intoDir = sources.length > 1 || destArg.endsWith('/') || destArg === '.' || destArg === './';
      copyTree(full, intoDir && !fs.statSync(full).isDirectory() ? path.join(dest, path.basename(src)) : dest, src.replace(/\/$/, ''), ignored);
    }
  }
  linkProductionModules(root);
  const before = snapshot(root);
  return {
    root,
    changes: () => {
      const after = snapshot(root);
      return [...after].filter(([f, m]) => before.get(f) !== m).map(([f]) => f);
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
