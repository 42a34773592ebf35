/**
 * Adaptive jitter buffer for sequenced packets (RTP; Telnyx chunks). Pure: the caller passes the
 * monotonic clock. Packets are released in sequence order at `anchor + n·frameMs + delay`, where
 * `delay` follows 3× the RFC 3550 interarrival-jitter estimate, clamped to [minMs, maxMs] and
 * moved by at most 2 ms per frame so play-out never jumps. Missing packets become `lost` slots
 * for concealment; duplicates and packets behind the play-out point are dropped and counted; an
 * SSRC change or a wild sequence jump restarts the buffer.
 */
export type JitterOutput = { kind: 'audio'; payload: Uint8Array } | { kind: 'lost' };

export interface JitterStats {
  played: number;
  lost: number;
  late: number;
  duplicate: number;
  resets: number;
}

const MAX_PACKETS = 64;
const MAX_JUMP = 3000;

export class JitterBuffer {
  readonly stats: JitterStats = { played: 0, lost: 0, late: 0, duplicate: 0, resets: 0 };
  private readonly slots = new Map<number, Uint8Array>();
  private ssrc = -1;
  private started = false;
  /** Extended sequence number of the next packet to play. */
  private next = 0;
  private highest = -1;
  private lastSeq16 = 0;
  private cycles = 0;
  private anchorTime = 0;
  private anchorSeq = 0;
  private delay: number;
  private jitter = 0;
  private prevArrival = -1;
  private prevTimestamp = 0;
  private lastArrival = -1;

  constructor(
    private readonly clockRate: number,
    private readonly frameMs = 20,
    private readonly minMs = 20,
    private readonly maxMs = 200,
  ) {
    this.delay = minMs + frameMs;
  }

  /** Current play-out delay (ms): the adaptive depth. */
  get depthMs(): number {
    return this.delay;
  }

  get jitterMs(): number {
    return this.jitter;
  }

  private reset(): void {
    this.slots.clear();
    this.started = false;
    this.highest = -1;
    this.cycles = 0;
    this.prevArrival = -1;
    this.stats.resets++;
  }

  private extend(seq16: number): number {
    if (!this.started) return seq16;
    let delta = seq16 - this.lastSeq16;
    if (delta < -32768) delta += 65536;
    else if (delta > 32768) delta -= 65536;
    return this.extended(this.lastSeq16) + delta;
  }

  private extended(seq16: number): number {
    return this.cycles * 65536 + seq16;
  }

  push(seq16: number, timestamp: number, payload: Uint8Array, now: number, ssrc = 0): void {
    if (this.started && ssrc !== this.ssrc) this.reset();
    let ext = this.extend(seq16 & 0xffff);
    if (this.started && Math.abs(ext - this.next) > MAX_JUMP) {
      this.reset();
      ext = seq16 & 0xffff;
    }
    if (!this.started) {
      this.started = true;
      this.ssrc = ssrc;
      this.cycles = 0;
      this.lastSeq16 = seq16 & 0xffff;
      ext = this.lastSeq16;
      this.next = ext;
      this.anchorSeq = ext;
      this.anchorTime = now;
    } else if (ext > this.extended(this.lastSeq16)) {
      if ((seq16 & 0xffff) < this.lastSeq16) this.cycles++;
      this.lastSeq16 = seq16 & 0xffff;
    }
    this.lastArrival = now;
    // RFC 3550 §6.4.1 interarrival jitter, in ms.
    if (this.prevArrival >= 0) {
      const d = now - this.prevArrival - (((timestamp - this.prevTimestamp) | 0) * 1000) / this.clockRate;
      if (Number.isFinite(d) && Math.abs(d) < 10_000) this.jitter += (Math.abs(d) - this.jitter) / 16;
    }
    this.prevArrival = now;
    this.prevTimestamp = timestamp;
    if (ext < this.next) {
      this.stats.late++;
      return;
    }
    if (this.slots.has(ext)) {
      this.stats.duplicate++;
      return;
    }
    this.slots.set(ext, payload.slice());
    if (ext > this.highest) this.highest = ext;
    if (this.slots.size > MAX_PACKETS) {
      // Far behind (a stall): skip ahead rather than grow without bound.
      const oldest = Math.min(...this.slots.keys());
      this.slots.delete(oldest);
      this.next = Math.max(this.next, oldest + 1);
      this.stats.lost++;
    }
  }

  private dueAt(ext: number): number {
    return this.anchorTime + (ext - this.anchorSeq) * this.frameMs + this.delay;
  }

  /** Frames due by `now`, in order. Emits nothing while the stream is paused (no packets). */
  pull(now: number, out: JitterOutput[] = []): JitterOutput[] {
    out.length = 0;
    if (!this.started) return out;
    const target = Math.min(this.maxMs, Math.max(this.minMs, this.frameMs + 3 * this.jitter));
    while (this.dueAt(this.next) <= now) {
      const payload = this.slots.get(this.next);
      if (payload) {
        this.slots.delete(this.next);
        out.push({ kind: 'audio', payload });
        this.stats.played++;
      } else if (this.slots.size === 0 && now - this.lastArrival > this.maxMs) {
        // The peer stopped sending (DTX, hold): re-anchor on the next packet instead of
        // inventing silence forever.
        this.anchorSeq = this.next;
        this.anchorTime = Number.POSITIVE_INFINITY;
        this.started = false;
        break;
      } else {
        out.push({ kind: 'lost' });
        this.stats.lost++;
      }
      this.next++;
      const step = Math.max(-2, Math.min(2, target - this.delay));
      this.delay += step;
      if (out.length >= 50) break;
    }
    return out;
  }
}
