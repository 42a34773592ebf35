/**
 * `npm run audio:synth` — render the robot prompts of every dialogue script and the simulator's
 * callee clips to 8 kHz mono WAV under assets/. Run by hand after changing a script's prompts,
 * the clip catalogue or the ASR demo voices; CI never runs it (it needs espeak-ng and sox).
 *
 *   --scripts <dir>   where the script YAML files are (default services/dialogue/scripts)
 *   --force           re-render everything
 *   --check           render nothing; exit 1 when an asset is missing or out of date
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fromRoot } from '@voicebot/common';
import { encodeWav } from '@voicebot/carrier-simulator/audio/wav';
import { speechBounds } from '@voicebot/carrier-simulator/audio/speech-bounds';
import { renderSpeech } from './espeak.ts';
import { diffAgainstManifest, jobKey, padSpeech, planCalleeJobs, planPromptJobs, SAMPLE_RATE, SYNTH_RECIPE_VERSION, type AudioManifest } from './synth-plan.ts';
import { loadCalleeVoices, loadClipCatalogue, loadScripts, MANIFEST_PATH, readManifest } from './synth-inputs.ts';

const { values } = parseArgs({
  options: {
    scripts: { type: 'string', default: 'services/dialogue/scripts' },
    force: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
  },
});

const jobs = [...planPromptJobs(loadScripts(fromRoot(values.scripts!))), ...planCalleeJobs(loadClipCatalogue(), loadCalleeVoices())];
const manifest = values.force ? { recipe: SYNTH_RECIPE_VERSION, files: {} } : readManifest();
const diff = diffAgainstManifest(jobs, manifest, (p) => fs.existsSync(fromRoot(p)));

if (values.check) {
  for (const job of diff.render) console.log(`out of date: ${job.out}`);
  for (const p of diff.stale) console.log(`no longer needed: ${p}`);
  console.log(`${diff.current.length} current, ${diff.render.length} to render, ${diff.stale.length} stale`);
  process.exit(diff.render.length + diff.stale.length === 0 ? 0 : 1);
}

const next: AudioManifest = { recipe: SYNTH_RECIPE_VERSION, files: {} };
for (const job of diff.current) next.files[job.out] = jobKey(job);
for (const job of diff.render) {
  const speech = renderSpeech(job.text, job.voice);
  const bounds = speechBounds(speech);
  if (bounds.end === bounds.start) throw new Error(`${job.voice.name} rendered no audible speech for "${job.text}" (${job.out})`);
  const file = fromRoot(job.out);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encodeWav({ sampleRate: SAMPLE_RATE, samples: padSpeech(speech, bounds) }));
  next.files[job.out] = jobKey(job);
  console.log(`rendered ${job.out} (${job.voice.name}): ${job.text}`);
}
for (const p of diff.stale) {
  fs.rmSync(fromRoot(p), { force: true });
  console.log(`removed ${p}`);
}
const sorted = Object.fromEntries(Object.entries(next.files).sort(([a], [b]) => a.localeCompare(b)));
fs.writeFileSync(fromRoot(MANIFEST_PATH), `${JSON.stringify({ recipe: next.recipe, files: sorted }, null, 2)}\n`);
console.log(`${diff.render.length} rendered, ${diff.current.length} already current, ${diff.stale.length} removed`);
