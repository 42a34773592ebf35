import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Silero VAD v5 as shipped by @ricky0123/vad-web (pure files; no download at run time). */
export function defaultVadModel(): string {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx'));
  const model = path.join(dist, 'silero_vad_v5.onnx');
  if (!fs.existsSync(model)) throw new Error(`Silero VAD model not found at ${model}; run npm ci`);
  return model;
}
