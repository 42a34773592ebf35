import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_RATE, type Voice } from './synth-plan.ts';

/**
 * Render text with espeak-ng and resample to 8 kHz 16-bit mono with sox (no dither, so the
 * output is the same bytes on every run).
 */
export function renderSpeech(text: string, voice: Voice): Int16Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voicebot-synth-'));
  try {
    const wav = path.join(dir, 'speech.wav');
    const args = ['-v', voice.name, ...(voice.speed ? ['-s', String(voice.speed)] : []), '-w', wav, '--stdin'];
    run('espeak-ng', args, text);
    const raw = run('sox', [wav, '-D', '-t', 'raw', '-e', 'signed-integer', '-b', '16', '-c', '1', '-', 'rate', '-h', String(SAMPLE_RATE)]);
    const samples = new Int16Array(raw.length >> 1);
    for (let i = 0; i < samples.length; i++) samples[i] = raw.readInt16LE(i * 2);
    return samples;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], input?: string): Buffer {
  const r = spawnSync(cmd, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} could not run (${r.error.message}); install it (apt-get install espeak-ng sox)`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().trim()}`);
  return r.stdout;
}
