import fs from 'node:fs';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWav, toMonoFloat } from '../audio/wav.ts';
import { resampleAll } from '../dsp/resampler.ts';
import type { FromWorker } from './protocol.ts';
import { defaultVadModel } from './vad-model.ts';
import { WorkerPool } from './worker-pool.ts';

const speech16k = resampleAll(toMonoFloat(parseWav(fs.readFileSync(new URL('../../test/fixtures/speech-zh-8k.wav', import.meta.url)))), 8000, 16000);

function newPool(): WorkerPool {
  return new WorkerPool({
    size: 1,
    slotsPerWorker: 4,
    warmSlots: 2,
    log: pino({ level: 'silent' }),
    init: { vad: { model: defaultVadModel(), threshold: 0.5, minSpeechMs: 64, minSilenceMs: 300, energyGate: 0.002 }, recognizer: null, recognizerRate: 16000, partialIntervalMs: 200 },
  });
}

/** Feed 1 s silence + speech + 1 s silence in 20 ms frames, as fast as the worker takes it. */
async function feed(pool: WorkerPool, key: number, ring: { write(s: Float32Array): number }): Promise<void> {
  const audio = new Float32Array(16000 + speech16k.length + 16000);
  audio.set(speech16k, 16000);
  for (let i = 0; i < audio.length; i += 320) {
    ring.write(audio.subarray(i, i + 320));
    pool.notify(key);
    if (i % 3200 === 0) await new Promise((r) => setTimeout(r, 5));
  }
}

function waitFor(events: FromWorker[], type: FromWorker['type'], count = 1): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tick = (): void => {
      if (events.filter((e) => e.type === type).length >= count) resolve();
      else if (Date.now() - t0 > 20_000) reject(new Error(`no ${type} event; got ${events.map((e) => e.type).join(',')}`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('WorkerPool (sherpa-onnx Silero VAD in a worker)', () => {
  it('detects the speech in a call and places its onset near the true one', async () => {
    pool = newPool();
    await pool.start();
    expect(pool.ready).toBe(true);
    const events: FromWorker[] = [];
    const { key, ring } = pool.attach({ onWorkerEvent: (e) => events.push(e), onWorkerLost: () => {} });
    await feed(pool, key, ring);
    await waitFor(events, 'speech_end');
    const start = events.find((e) => e.type === 'speech_start') as Extract<FromWorker, { type: 'speech_start' }>;
    // The fixture's speech begins at 1 s (16000 samples) plus espeak's own lead-in.
    expect(start.onsetSample).toBeGreaterThan(15000);
    expect(start.onsetSample).toBeLessThan(16000 + 0.3 * 16000);
    pool.detach(key);
  });

  it('replaces a worker that calls exit and re-attaches its call, which keeps being analysed', async () => {
    pool = newPool();
    await pool.start();
    const restarts: string[] = [];
    pool.on('restart', (_i, reason) => restarts.push(reason));
    const events: FromWorker[] = [];
    let lost = 0;
    const { key, ring } = pool.attach({ onWorkerEvent: (e) => events.push(e), onWorkerLost: () => lost++ });
    pool.crashWorkerOf(key, 'throw');
    await new Promise<void>((resolve) => pool!.once('restart', () => resolve()));
    expect(lost).toBe(1);
    await feed(pool, key, ring);
    await waitFor(events, 'speech_end');
    expect(restarts[0]).toMatch(/exit code/);
    expect(pool.ready).toBe(true);
  });
});
