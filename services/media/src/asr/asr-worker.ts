import { parentPort, workerData } from 'node:worker_threads';
import { AudioRing } from './audio-ring.ts';
import { type AnalyzerEvent, CallAnalyzer, WINDOW } from './call-analyzer.ts';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.ts';
import { SherpaRecognizerEngine, SherpaVadEngine } from './sherpa-engines.ts';

/**
 * ASR worker thread: one sherpa-onnx recognizer shared by all its calls, a pool of VAD
 * instances (creating one costs ~100 ms, so they are made ahead and reused), and a loop that
 * wakes on the shared doorbell and runs every attached call's new windows.
 */
const init = workerData as WorkerInit;
const port = parentPort!;
const post = (m: FromWorker): void => port.postMessage(m);

const t0 = performance.now();
const recognizer = init.recognizer ? new SherpaRecognizerEngine(init.recognizer, init.recognizerRate) : undefined;
const freeVads: SherpaVadEngine[] = [];
let vadCount = 0;
function makeVad(): SherpaVadEngine {
  vadCount++;
  return new SherpaVadEngine(init.vad);
}
for (let i = 0; i < init.warmSlots; i++) freeVads.push(makeVad());

// Warm-up: run a second of noise through a VAD and a recognizer stream so the first real call
// does not pay for lazy initialisation.
{
  const vad = freeVads[0] ?? makeVad();
  const noise = new Float32Array(WINDOW);
  const stream = recognizer?.createStream();
  for (let k = 0; k < 32; k++) {
    for (let i = 0; i < WINDOW; i++) noise[i] = (Math.random() - 0.5) * 0.2;
    vad.accept(noise);
    stream?.accept(noise);
  }
  stream?.finish();
  stream?.free();
  vad.reset();
  if (!freeVads.includes(vad)) freeVads.push(vad);
}

interface Attached {
  ring: AudioRing;
  analyzer: CallAnalyzer;
  vad: SherpaVadEngine;
}
const calls = new Map<number, Attached>();
const window = new Float32Array(WINDOW);
let busyMs = 0;

function emitFor(callKey: number): (e: AnalyzerEvent) => void {
  return (e) => post({ ...e, callKey } as FromWorker);
}

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'attach': {
      const ring = new AudioRing(msg.ring);
      const vad = freeVads.pop() ?? makeVad();
      const analyzer = new CallAnalyzer(vad, recognizer, { ...init.vad, partialIntervalMs: init.partialIntervalMs }, emitFor(msg.callKey), ring.read);
      calls.set(msg.callKey, { ring, analyzer, vad });
      post({ type: 'attached', callKey: msg.callKey });
      break;
    }
    case 'detach': {
      const c = calls.get(msg.callKey);
      if (!c) break;
      calls.delete(msg.callKey);
      c.analyzer.close();
      freeVads.push(c.vad);
      break;
    }
    case 'ping':
      post({ type: 'pong', id: msg.id });
      break;
    case 'crash':
      if (msg.how === 'exit') process.exit(255);
      // What the emscripten runtime does on exit(): set the exit code and throw.
      process.exitCode = 255;
      throw new Error('Program terminated with exit(-1)');
  }
});

function processAll(): void {
  const start = performance.now();
  for (const [callKey, c] of calls) {
    try {
      while (c.ring.readInto(window)) c.analyzer.process(window);
    } catch (err) {
      // A JS-level failure for one call (not a WASM abort) detaches only that call.
      post({ type: 'error', callKey, message: (err as Error).message });
      calls.delete(callKey);
    }
  }
  busyMs += performance.now() - start;
}

const doorbell = new Int32Array(init.doorbell);
// Node 20 has Atomics.waitAsync; the ES2023 lib typings do not.
const waitAsync = (Atomics as unknown as {
  waitAsync(a: Int32Array, i: number, v: number, t: number): { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
}).waitAsync;
post({ type: 'ready', slots: freeVads.length, warmupMs: performance.now() - t0 });

setInterval(() => {
  let windows = 0;
  let inferred = 0;
  for (const c of calls.values()) {
    windows += c.analyzer.windows;
    inferred += c.analyzer.inferred;
    c.analyzer.windows = 0;
    c.analyzer.inferred = 0;
  }
  post({ type: 'stats', windows, inferred, busyMs, slots: vadCount, calls: calls.size });
  busyMs = 0;
}, 1000).unref();

/** Free VADs kept ready so an attach does not stall the loop for a model load. */
const SPARE_VADS = 2;
const yieldToMessages = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

for (;;) {
  const seen = Atomics.load(doorbell, 0);
  processAll();
  const wait = waitAsync(doorbell, 0, seen, 200);
  const outcome = wait.async ? await wait.value : (await yieldToMessages(), wait.value);
  if (outcome === 'timed-out' && freeVads.length < SPARE_VADS) freeVads.push(makeVad());
}
