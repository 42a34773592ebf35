import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Logger } from '@voicebot/common';
import { AudioRing } from './audio-ring.ts';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.ts';

/**
 * The fixed pool of ASR worker threads. Calls are attached to the least-loaded worker; a worker
 * that dies (a WASM abort, the module calling exit, an uncaught error) is replaced and its calls
 * are attached to the replacement with the same audio rings, so only the audio during the gap
 * is analysed late and any utterance in progress loses its transcript.
 */
export interface AsrListener {
  onWorkerEvent(event: FromWorker): void;
  /** The call's worker died; `gap` is true when an utterance was in flight. */
  onWorkerLost(): void;
}

export interface PoolOptions {
  size: number;
  slotsPerWorker: number;
  init: Omit<WorkerInit, 'workerIndex' | 'doorbell' | 'warmSlots'>;
  warmSlots: number;
  log: Logger;
  /** Replacement attempts are spaced by this much after consecutive failures. */
  restartBackoffMs?: number;
}

interface PoolWorker {
  index: number;
  worker: Worker;
  doorbell: Int32Array;
  doorbellBuffer: SharedArrayBuffer;
  calls: Set<number>;
  ready: boolean;
  stopping: boolean;
  busyMs: number;
}

interface CallEntry {
  key: number;
  ring: AudioRing;
  listener: AsrListener;
  /** Index into `workers`: the slot survives a restart, the Worker object does not. */
  workerIndex: number;
}

export interface PoolEvents {
  restart: [workerIndex: number, reason: string];
  stats: [workerIndex: number, stats: Extract<FromWorker, { type: 'stats' }>];
}

export class WorkerPool extends EventEmitter<PoolEvents> {
  private readonly workers: PoolWorker[] = [];
  private readonly calls = new Map<number, CallEntry>();
  private nextKey = 1;
  private closed = false;
  private consecutiveFailures = 0;
  private readonly entryUrl = new URL('./asr-worker-entry.mjs', import.meta.url);

  constructor(private readonly opts: PoolOptions) {
    super();
  }

  /** Start every worker and wait until all are warm. */
  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.opts.size }, (_, i) => this.spawn(i)));
  }

  get ready(): boolean {
    return this.workers.length === this.opts.size && this.workers.every((w) => w.ready);
  }

  get totalSlots(): number {
    return this.opts.size * this.opts.slotsPerWorker;
  }

  get freeSlots(): number {
    return Math.max(0, this.totalSlots - this.calls.size);
  }

  /** Calls waiting for a worker (attached to one that is not ready yet). */
  get queueDepth(): number {
    let n = 0;
    for (const w of this.workers) if (!w.ready) n += w.calls.size;
    return n;
  }

  private spawn(index: number): Promise<void> {
    const doorbellBuffer = new SharedArrayBuffer(4);
    const init: WorkerInit = { ...this.opts.init, workerIndex: index, doorbell: doorbellBuffer, warmSlots: this.opts.warmSlots };
    const worker = new Worker(this.entryUrl, { workerData: init, name: `asr-${index}` });
    const pw: PoolWorker = { index, worker, doorbell: new Int32Array(doorbellBuffer), doorbellBuffer, calls: new Set(), ready: false, stopping: false, busyMs: 0 };
    const previous = this.workers[index];
    if (previous) for (const key of previous.calls) pw.calls.add(key);
    this.workers[index] = pw;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          pw.ready = true;
          this.consecutiveFailures = 0;
          this.opts.log.info({ worker: index, slots: m.slots, warmupMs: Math.round(m.warmupMs) }, 'ASR worker ready');
          for (const key of pw.calls) {
            const c = this.calls.get(key);
            if (c) this.send(pw, { type: 'attach', callKey: key, ring: c.ring.buffer });
          }
          settled = true;
          resolve();
          return;
        }
        if (m.type === 'stats') {
          this.emit('stats', index, m);
          return;
        }
        if ('callKey' in m) this.calls.get(m.callKey)?.listener.onWorkerEvent(m);
      });
      worker.on('error', (err) => this.opts.log.error({ worker: index, err: err.message }, 'ASR worker error'));
      worker.on('exit', (code) => {
        if (pw.stopping || this.closed) return;
        const reason = `exit code ${code}`;
        this.opts.log.error({ worker: index, code, calls: pw.calls.size }, 'ASR worker died; replacing it');
        if (!settled) {
          settled = true;
          // Dying during start-up is a configuration problem (bad model), not a crash to retry forever.
          if (this.workers.every((w) => !w.ready) && ++this.consecutiveFailures >= 2) {
            reject(new Error(`ASR worker ${index} exited with code ${code} during warm-up (model files or metadata invalid?)`));
            return;
          }
        }
        for (const key of pw.calls) this.calls.get(key)?.listener.onWorkerLost();
        this.emit('restart', index, reason);
        const delay = Math.min(5000, (this.opts.restartBackoffMs ?? 0) * this.consecutiveFailures);
        setTimeout(() => {
          if (!this.closed) this.spawn(index).then(resolve, reject);
        }, delay).unref();
      });
    });
  }

  private send(w: PoolWorker, msg: ToWorker): void {
    w.worker.postMessage(msg);
  }

  /** Attach a call; returns its key and ring (write 16 kHz audio there, then `notify`). */
  attach(listener: AsrListener, ringSeconds = 8): { key: number; ring: AudioRing } {
    let best: PoolWorker | undefined;
    for (const w of this.workers) if (!best || w.calls.size < best.calls.size || (!best.ready && w.ready)) best = w;
    if (!best) throw new Error('ASR pool not started');
    const key = this.nextKey++;
    const ring = new AudioRing(16000 * ringSeconds);
    this.calls.set(key, { key, ring, listener, workerIndex: best.index });
    best.calls.add(key);
    if (best.ready) this.send(best, { type: 'attach', callKey: key, ring: ring.buffer });
    return { key, ring };
  }

  /** Largest amount of audio (samples) any call has waiting for its worker. */
  maxBacklogSamples(): number {
    let max = 0;
    for (const c of this.calls.values()) max = Math.max(max, c.ring.available());
    return max;
  }

  /** Ring the worker's doorbell after writing audio for `key`. */
  notify(key: number): void {
    const c = this.calls.get(key);
    if (!c) return;
    const w = this.workers[c.workerIndex]!;
    Atomics.add(w.doorbell, 0, 1);
    Atomics.notify(w.doorbell, 0);
  }

  detach(key: number): void {
    const c = this.calls.get(key);
    if (!c) return;
    this.calls.delete(key);
    const w = this.workers[c.workerIndex]!;
    w.calls.delete(key);
    if (w.ready) this.send(w, { type: 'detach', callKey: key });
  }

  /** The worker currently serving `key` (re-read after a restart). */
  private workerOf(key: number): PoolWorker | undefined {
    const c = this.calls.get(key);
    return c ? this.workers[c.workerIndex] : undefined;
  }

  /** Test and chaos hook: crash the worker serving `key`. */
  crashWorkerOf(key: number, how: 'exit' | 'throw'): void {
    const w = this.workerOf(key);
    if (w) this.send(w, { type: 'crash', how });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.workers.map(async (w) => {
        w.stopping = true;
        await w.worker.terminate();
      }),
    );
  }
}
