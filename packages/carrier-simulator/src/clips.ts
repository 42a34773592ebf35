import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { decodeWav } from './audio/wav.ts';
import { speechBounds } from './audio/speech-bounds.ts';

/** Callee utterance clips: the committed 8 kHz WAVs plus the text they say (personas/clips.yaml). */
export interface Clip {
  lang: string;
  slug: string;
  text: string;
  samples: Int16Array;
  /** Sample offsets of the speech inside the clip (the rest is padding). */
  speechStart: number;
  speechEnd: number;
}

export interface ClipLibrary {
  get(lang: string, slug: string): Clip | undefined;
  has(lang: string, slug: string): boolean;
}

export function loadClipLibrary(catalogueFile: string, audioDir: string): ClipLibrary {
  const catalogue = z.record(z.string(), z.record(z.string(), z.string())).safeParse(parseYaml(fs.readFileSync(catalogueFile, 'utf8')));
  if (!catalogue.success) throw new Error(`${catalogueFile}: expected language → slug → text`);
  const clips = new Map<string, Clip>();
  for (const [lang, bySlug] of Object.entries(catalogue.data)) {
    for (const [slug, text] of Object.entries(bySlug)) {
      const file = path.join(audioDir, lang, `${slug}.wav`);
      if (!fs.existsSync(file)) throw new Error(`${catalogueFile}: clip ${lang}/${slug} has no audio at ${file} (run npm run audio:synth)`);
      const audio = decodeWav(fs.readFileSync(file), file);
      if (audio.sampleRate !== 8000) throw new Error(`${file}: sample rate ${audio.sampleRate}, expected 8000`);
      const bounds = speechBounds(audio.samples);
      if (bounds.end === bounds.start) throw new Error(`${file}: no audible speech`);
      clips.set(`${lang}/${slug}`, { lang, slug, text, samples: audio.samples, speechStart: bounds.start, speechEnd: bounds.end });
    }
  }
  return {
    get: (lang, slug) => clips.get(`${lang}/${slug}`),
    has: (lang, slug) => clips.has(`${lang}/${slug}`),
  };
}
