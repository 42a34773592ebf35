import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '@voicebot/common';
import { diffAgainstManifest, jobKey, padSpeech, planCalleeJobs, planPromptJobs, ROBOT_VOICES } from './synth-plan.ts';
import { loadCalleeVoices, loadClipCatalogue, loadScripts, readManifest } from './synth-inputs.ts';

describe('synth plan', () => {
  it('puts each prompt of each script under assets/prompts/<scriptId>/<promptId>.wav with the robot voice', () => {
    const jobs = planPromptJobs([{ id: 'loan-zh', language: 'zh', prompts: { open_1: '您好', close_no: '再见' } }]);
    expect(jobs).toEqual([
      { out: 'assets/prompts/loan-zh/open_1.wav', text: '您好', voice: ROBOT_VOICES.zh },
      { out: 'assets/prompts/loan-zh/close_no.wav', text: '再见', voice: ROBOT_VOICES.zh },
    ]);
  });

  it('rejects ids that would escape the assets folder', () => {
    expect(() => planPromptJobs([{ id: '../x', language: 'en', prompts: {} }])).toThrow(/script id "..\/x"/);
    expect(() => planCalleeJobs({ zh: { 'a/b': '可以' } }, { zh: { name: 'cmn' }, en: { name: 'en' } })).toThrow(/clip slug "a\/b"/);
  });

  it('re-renders a file only when its text, voice or existence changed, and lists files nobody asks for', () => {
    const [a, b] = planCalleeJobs({ zh: { keyi: '可以', en: '嗯' } }, { zh: { name: 'cmn+f2' }, en: { name: 'en-us+m3' } });
    const manifest = { recipe: 1, files: { [a!.out]: jobKey(a!), [b!.out]: 'old', 'assets/callee-audio/zh/gone.wav': 'x' } };
    const diff = diffAgainstManifest([a!, b!], manifest, () => true);
    expect(diff.current.map((j) => j.out)).toEqual([a!.out]);
    expect(diff.render.map((j) => j.out)).toEqual([b!.out]);
    expect(diff.stale).toEqual(['assets/callee-audio/zh/gone.wav']);
    expect(diffAgainstManifest([a!], manifest, () => false).render).toHaveLength(1);
    expect(jobKey({ ...a!, voice: { name: 'cmn+m3' } })).not.toBe(jobKey(a!));
  });

  it('pads the speech with exactly 150 ms of silence on both sides', () => {
    const speech = new Int16Array([0, 0, 0, 5000, -5000, 0, 0]);
    const out = padSpeech(speech, { start: 3, end: 5 });
    expect(out.length).toBe(1200 + 7 + 1200);
    expect(out.subarray(0, 1200).every((s) => s === 0)).toBe(true);
    expect(out[1203]).toBe(5000);
  });
});

describe('committed audio assets', () => {
  // Fails when a script prompt or callee clip changed without `npm run audio:synth` being re-run.
  it('cover every script prompt and callee clip and are current', () => {
    const jobs = [...planPromptJobs(loadScripts(fromRoot('services/dialogue/scripts'))), ...planCalleeJobs(loadClipCatalogue(), loadCalleeVoices())];
    const diff = diffAgainstManifest(jobs, readManifest(), (p) => fs.existsSync(fromRoot(p)));
    expect(diff.render.map((j) => j.out), 'out of date: run npm run audio:synth and commit assets/').toEqual([]);
    expect(diff.stale, 'no longer used: run npm run audio:synth and commit assets/').toEqual([]);
  });
});
