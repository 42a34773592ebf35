// Builds kernels.wasm from kernels.as with AssemblyScript. The source keeps a non-.ts extension
// so the repository's TypeScript check (which covers wasm/**/*.ts) does not read AssemblyScript
// types; asc only takes .ts entries, so it compiles a temporary copy.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dsp-as-'));
fs.copyFileSync(path.join(here, 'kernels.as'), path.join(tmp, 'kernels.ts'));
const asc = path.join(here, '../../node_modules/assemblyscript/bin/asc.js');
execFileSync(process.execPath, [asc, path.join(tmp, 'kernels.ts'), '-O3', '--runtime', 'stub', '--noAssert', '--initialMemory', '1', '-o', path.join(here, 'kernels.wasm')], { stdio: 'inherit' });
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`built ${path.join(here, 'kernels.wasm')} (${fs.statSync(path.join(here, 'kernels.wasm')).size} bytes)`);
