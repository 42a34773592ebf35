import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { fromRoot } from '@voicebot/common';
import { DEFAULT_CALLEE_VOICES, SYNTH_RECIPE_VERSION, type AudioManifest, type Language, type ScriptPrompts, type Voice } from './synth-plan.ts';

/** Reading the synthesiser's inputs from the repository, with errors that name the file. */

export const MANIFEST_PATH = 'assets/audio-manifest.json';
export const CLIP_CATALOGUE_PATH = 'packages/carrier-simulator/personas/clips.yaml';
export const ASR_MODEL_MANIFEST_PATH = 'wasm/models/voicebot-tel-zh-en/manifest.json';

const language = z.enum(['zh', 'en']);

const scriptShape = z.object({
  id: z.string().min(1),
  language,
  prompts: z.record(z.string(), z.object({ text: z.string().min(1) }).passthrough()),
}).passthrough();

function describe(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || '(top level)'}: ${issue.message}`;
}

export function loadScripts(dir: string): ScriptPrompts[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      const parsed = scriptShape.safeParse(parseYaml(fs.readFileSync(file, 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${describe(parsed.error)}`);
      const prompts = Object.fromEntries(Object.entries(parsed.data.prompts).map(([id, p]) => [id, p.text]));
      return { id: parsed.data.id, language: parsed.data.language, prompts };
    });
}

export function loadClipCatalogue(): Partial<Record<Language, Record<string, string>>> {
  const file = fromRoot(CLIP_CATALOGUE_PATH);
  const parsed = z.record(language, z.record(z.string(), z.string().min(1))).safeParse(parseYaml(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${describe(parsed.error)}`);
  return parsed.data;
}

/**
 * The ASR model's held-out demo voices, so the demo never hears a voice the model trained on.
 * The manifest keeps them at `voices.demoVoices` (a top-level `demoVoices` is read too).
 */
export function loadCalleeVoices(): Record<Language, Voice> {
  const file = fromRoot(ASR_MODEL_MANIFEST_PATH);
  if (!fs.existsSync(file)) return DEFAULT_CALLEE_VOICES;
  const voices = z.object({ zh: z.string().min(1), en: z.string().min(1) });
  const parsed = z
    .object({ demoVoices: voices.optional(), voices: z.object({ demoVoices: voices.optional() }).passthrough().optional() })
    .passthrough()
    .safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${describe(parsed.error)}`);
  const demo = parsed.data.demoVoices ?? parsed.data.voices?.demoVoices;
  return demo ? { zh: { name: demo.zh }, en: { name: demo.en } } : DEFAULT_CALLEE_VOICES;
}

export function readManifest(): AudioManifest {
  const file = fromRoot(MANIFEST_PATH);
  if (!fs.existsSync(file)) return { recipe: SYNTH_RECIPE_VERSION, files: {} };
  const parsed = z.object({ recipe: z.number(), files: z.record(z.string(), z.string()) }).safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${describe(parsed.error)}`);
  return parsed.data;
}
