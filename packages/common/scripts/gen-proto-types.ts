/**
 * Regenerates TypeScript types for every proto under proto/ into packages/common/src/generated.
 * Uses @grpc/proto-loader's generator with the same options as the runtime loader, with `.ts`
 * import extensions (the repo is NodeNext ESM run by tsx).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const out = path.join(root, 'packages/common/src/generated');
fs.rmSync(out, { recursive: true, force: true });
const protos = ['voicebot/v1/common.proto', 'voicebot/v1/call_session.proto', 'voicebot/v1/dialogue.proto', 'voicebot/v1/dialer.proto', 'grpc/health/v1/health.proto'];
execFileSync(
  path.join(root, 'node_modules/.bin/proto-loader-gen-types'),
  [
    ...protos,
    '--keepCase', '--longs=Number', '--enums=String', '--defaults', '--oneofs', '--includeComments',
    '--grpcLib=@grpc/grpc-js', '--importFileExtension=.ts', `--outDir=${out}`, `--includeDirs=${path.join(root, 'proto')}`,
  ],
  { stdio: 'inherit' },
);
console.log(`generated types in ${path.relative(root, out)}`);
