import crypto from 'node:crypto';

/**
 * What `npm run audio:synth` must produce, as pure data: one job per output WAV with the exact
 * synthesis inputs, and a content key over those inputs so a file is only re-rendered when its
 * text, voice or the recipe changed.
 */

/** Bump when the rendering recipe (trim, padding, resampling) changes, to re-render everything. */
export const SYNTH_RECIPE_VERSION = 1;
export const SAMPLE_RATE = 8000;
/** Silence before and after the speech of every asset. */
export const PAD_MS = 150;

export type Language = 'zh' | 'en';

export interface Voice {
  /** espeak-ng voice, optionally with a `+variant`. */
  name: string;
  /** Words per minute; undefined = espeak-ng's default. */
  speed?: number;
}

export interface SynthJob {
  /** Repository-relative output path. */
  out: string;
  text: string;
  voice: Voice;
}

export interface ScriptPrompts {
  id: string;
  language: Language;
  prompts: Record<string, string>;
}

/** Robot prompts stand in for voice-actor recordings: a plain voice at a natural pace. */
export const ROBOT_VOICES: Record<Language, Voice> = {
  zh: { name: 'cmn', speed: 230 },
  en: { name: 'en-us', speed: 175 },
};

/** Until the ASR model's manifest names its held-out demo voices. */
export const DEFAULT_CALLEE_VOICES: Record<Language, Voice> = {
  zh: { name: 'cmn+f2' },
  en: { name: 'en-us+m3' },
};

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function checkId(kind: string, id: string, where: string): void {
  if (!SAFE_ID.test(id)) throw new Error(`${where}: ${kind} "${id}" is not a safe file name (letters, digits, _ . -)`);
}

export function planPromptJobs(scripts: ScriptPrompts[]): SynthJob[] {
  const jobs: SynthJob[] = [];
  for (const script of scripts) {
    checkId('script id', script.id, `script ${script.id}`);
    for (const [promptId, text] of Object.entries(script.prompts)) {
      checkId('prompt id', promptId, `script ${script.id}`);
      jobs.push({ out: `assets/prompts/${script.id}/${promptId}.wav`, text, voice: ROBOT_VOICES[script.language] });
    }
  }
  return jobs;
}

export function planCalleeJobs(clips: Partial<Record<Language, Record<string, string>>>, voices: Record<Language, Voice>): SynthJob[] {
  const jobs: SynthJob[] = [];
  for (const [lang, bySlug] of Object.entries(clips) as [Language, Record<string, string>][]) {
    for (const [slug, text] of Object.entries(bySlug)) {
      checkId('clip slug', slug, `clips.${lang}`);
      jobs.push({ out: `assets/callee-audio/${lang}/${slug}.wav`, text, voice: voices[lang] });
    }
  }
  return jobs;
}

export function jobKey(job: SynthJob): string {
  const input = JSON.stringify([SYNTH_RECIPE_VERSION, job.text, job.voice.name, job.voice.speed ?? null]);
  return crypto.createHash('sha256').update(input).digest('hex').slice(0, 16);
}

/** Record of what was rendered from what, committed next to the assets. */
export interface AudioManifest {
  recipe: number;
  /** Output path → job key. */
  files: Record<string, string>;
}

export interface SynthDiff {
  render: SynthJob[];
  current: SynthJob[];
  /** Files this tool rendered earlier that no input asks for any more. */
  stale: string[];
}

export function diffAgainstManifest(jobs: SynthJob[], manifest: AudioManifest, exists: (path: string) => boolean): SynthDiff {
  const seen = new Set<string>();
  const render: SynthJob[] = [];
  const current: SynthJob[] = [];
  for (const job of jobs) {
    if (seen.has(job.out)) throw new Error(`two inputs render ${job.out}`);
    seen.add(job.out);
    (manifest.files[job.out] === jobKey(job) && exists(job.out) ? current : render).push(job);
  }
  const stale = Object.keys(manifest.files).filter((p) => !seen.has(p));
  return { render, current, stale };
}

/** Trim to the speech (plus a few ms so soft onsets survive) and pad with exact silence. */
export function padSpeech(samples: Int16Array, bounds: { start: number; end: number }): Int16Array {
  const margin = Math.round(SAMPLE_RATE * 0.01);
  const pad = Math.round((SAMPLE_RATE * PAD_MS) / 1000);
  const start = Math.max(0, bounds.start - margin);
  const end = Math.min(samples.length, bounds.end + margin);
  const out = new Int16Array(pad + (end - start) + pad);
  out.set(samples.subarray(start, end), pad);
  return out;
}
