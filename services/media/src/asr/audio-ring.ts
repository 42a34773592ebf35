/**
 * Single-producer single-consumer ring of 16 kHz float samples in a SharedArrayBuffer: the main
 * thread writes each call's frames, its ASR worker reads them, and no frame is copied through
 * postMessage. Counters are absolute sample counts (Int32, wrapping after ~37 h of audio) so
 * either side knows stream positions; the ring survives a worker crash and is handed to the
 * replacement worker as it is.
 */

const WRITE = 0;
const READ = 1;
const HEADER_BYTES = 16;

export class AudioRing {
  readonly buffer: SharedArrayBuffer;
  readonly capacity: number;
  private readonly header: Int32Array;
  private readonly data: Float32Array;

  constructor(bufferOrCapacity: SharedArrayBuffer | number) {
    this.buffer =
      typeof bufferOrCapacity === 'number' ? new SharedArrayBuffer(HEADER_BYTES + bufferOrCapacity * 4) : bufferOrCapacity;
    this.capacity = (this.buffer.byteLength - HEADER_BYTES) / 4;
    this.header = new Int32Array(this.buffer, 0, 4);
    this.data = new Float32Array(this.buffer, HEADER_BYTES, this.capacity);
  }

  /** Samples written so far (stream position of the producer). */
  get written(): number {
    return Atomics.load(this.header, WRITE);
  }

  /** Samples consumed so far (stream position of the consumer). */
  get read(): number {
    return Atomics.load(this.header, READ);
  }

  available(): number {
    return (Atomics.load(this.header, WRITE) - Atomics.load(this.header, READ)) | 0;
  }

  /**
   * Producer: append samples. When the consumer has fallen a whole ring behind, the oldest audio
   * is overwritten and the consumer skips it; returns the number of samples lost that way.
   */
  write(samples: Float32Array): number {
    const w = Atomics.load(this.header, WRITE);
    const n = samples.length;
    const start = ((w % this.capacity) + this.capacity) % this.capacity;
    const first = Math.min(n, this.capacity - start);
    this.data.set(samples.subarray(0, first), start);
    if (first < n) this.data.set(samples.subarray(first), 0);
    Atomics.store(this.header, WRITE, (w + n) | 0);
    const backlog = ((w + n) | 0) - Atomics.load(this.header, READ);
    if (backlog > this.capacity) {
      const lost = backlog - this.capacity;
      Atomics.add(this.header, READ, lost);
      return lost;
    }
    return 0;
  }

  /** Consumer: copy the next `out.length` samples if available; false when not enough yet. */
  readInto(out: Float32Array): boolean {
    const r = Atomics.load(this.header, READ);
    const w = Atomics.load(this.header, WRITE);
    if (((w - r) | 0) < out.length) return false;
    const start = ((r % this.capacity) + this.capacity) % this.capacity;
    const first = Math.min(out.length, this.capacity - start);
    out.set(this.data.subarray(start, start + first));
    if (first < out.length) out.set(this.data.subarray(0, out.length - first), first);
    // compareExchange: the producer may have advanced READ past an overrun meanwhile.
    Atomics.compareExchange(this.header, READ, r, (r + out.length) | 0);
    return true;
  }
}
