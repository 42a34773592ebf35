import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, so defaults such as `./data` mean the same whether a service starts from the root or its workspace. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function fromRoot(p: string): string {
  return path.isAbsolute(p) ? p : path.resolve(REPO_ROOT, p);
}
