/**
 * Per-call outbound queue of prompts in 20 ms wire frames, on a monotonic clock (ms).
 *
 * The peer plays each item from `startAt` (when its first frame was sent, or when the previous
 * item ends, whichever is later) at real time. Peer-buffered framings get frames up to `leadMs`
 * ahead of that schedule — bounded, so a flush never has much to drop and a slow peer never makes
 * us buffer without limit — and self-paced framings get each frame when its time comes. Either
 * way `clear` knows exactly how much of the current prompt was heard.
 */
export interface PlayItem {
  playId: string;
  promptId: string;
  frames: readonly Uint8Array[];
  /** RMS (0..1) of each frame, for the echo gate. */
  levels: Float32Array;
  frameMs: number;
}

interface Scheduled {
  item: PlayItem;
  /** Monotonic ms at which the peer starts playing the item; NaN until its first frame is sent. */
  startAt: number;
  durationMs: number;
  sent: number;
  markSent: boolean;
}

export interface PlayoutPorts {
  /** Send one encoded frame; false when the transport is congested (retry next tick). */
  sendFrame(frame: Uint8Array): boolean;
  /** Send the mark that follows an item's last frame (peer-buffered framings). */
  sendMark(playId: string): void;
  /** First frame of an item went out. */
  started(item: PlayItem, now: number): void;
  /** The item finished playing: its mark came back (peer-buffered) or its time ran out (self-paced). */
  finished(item: PlayItem): void;
}

export interface Interrupted {
  item: PlayItem;
  heardMs: number;
  promptMs: number;
  /** Later items that will not be played. */
  dropped: PlayItem[];
}

export class Playout {
  private queue: Scheduled[] = [];
  /** When the last sent audio ends at the peer. */
  private endAt = 0;
  /** Marks sent and not yet returned by the peer. */
  private readonly pendingMarks = new Map<string, Scheduled>();
  /** Marks the peer will echo after a clear: acknowledged silently. */
  private readonly droppedMarks = new Set<string>();

  constructor(
    private readonly ports: PlayoutPorts,
    private readonly peerBuffered: boolean,
    private readonly leadMs: number,
  ) {}

  enqueue(item: PlayItem): void {
    this.queue.push({ item, startAt: Number.NaN, durationMs: item.frames.length * item.frameMs, sent: 0, markSent: false });
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Anything queued, playing at the peer, or waiting for its mark. */
  busy(now: number): boolean {
    return this.queue.length > 0 || this.pendingMarks.size > 0 || now < this.endAt;
  }

  /** Robot audio is audible at the peer right now. */
  playing(now: number): boolean {
    return now < this.endAt;
  }

  /** RMS of the frame the peer plays at `now`, 0 when silent. */
  levelAt(now: number): number {
    for (const s of this.queue) {
      if (now >= s.startAt && now < s.startAt + s.durationMs) {
        const k = Math.floor((now - s.startAt) / s.item.frameMs);
        return k < s.sent ? (s.item.levels[k] ?? 0) : 0;
      }
    }
    return 0;
  }

  /** The item audible at `now`, else the next one to play. */
  current(now: number): PlayItem | undefined {
    for (const s of this.queue) if (!(now >= s.startAt + s.durationMs)) return s.item;
    return undefined;
  }

  /** Send what is due at `now`. Called on the shared 20 ms tick and right after `enqueue`. */
  pump(now: number): void {
    const horizon = this.peerBuffered ? this.leadMs : 0;
    for (const s of this.queue) {
      const frames = s.item.frames;
      while (s.sent < frames.length) {
        const startAt = s.sent === 0 ? Math.max(now, this.endAt) : s.startAt;
        if (startAt + s.sent * s.item.frameMs > now + horizon) break;
        if (!this.ports.sendFrame(frames[s.sent]!)) return;
        if (s.sent === 0) {
          s.startAt = startAt;
          this.ports.started(s.item, now);
        }
        s.sent++;
        this.endAt = s.startAt + s.sent * s.item.frameMs;
      }
      if (s.sent < frames.length) return;
      if (this.peerBuffered && !s.markSent) {
        s.markSent = true;
        this.pendingMarks.set(s.item.playId, s);
        this.ports.sendMark(s.item.playId);
      }
    }
    if (!this.peerBuffered) {
      while (this.queue.length) {
        const head = this.queue[0]!;
        if (head.sent < head.item.frames.length || now < head.startAt + head.durationMs) break;
        this.queue.shift();
        this.ports.finished(head.item);
      }
    }
  }

  /** The peer echoed a mark. Returns false for a mark we never sent. */
  onPeerMark(name: string): boolean {
    if (this.droppedMarks.delete(name)) return true;
    const s = this.pendingMarks.get(name);
    if (!s) return false;
    this.pendingMarks.delete(name);
    const idx = this.queue.indexOf(s);
    // Marks come back in order: anything before this one has finished as well.
    const done = idx >= 0 ? this.queue.splice(0, idx + 1) : [s];
    for (const d of done) {
      if (d !== s) this.pendingMarks.delete(d.item.playId);
      this.ports.finished(d.item);
    }
    return true;
  }

  /**
   * Stop at once: drop everything queued and report how much of the current item was heard
   * (undefined when nothing was queued or playing).
   */
  clear(now: number): Interrupted | undefined {
    if (this.queue.length === 0) {
      this.endAt = Math.min(this.endAt, now);
      return undefined;
    }
    const head = this.queue.find((s) => !(now >= s.startAt + s.durationMs)) ?? this.queue[this.queue.length - 1]!;
    const heardMs = Number.isNaN(head.startAt) ? 0 : Math.max(0, Math.min(head.durationMs, Math.round(now - head.startAt)));
    const dropped = this.queue.filter((s) => s !== head && !(now >= s.startAt + s.durationMs)).map((s) => s.item);
    for (const s of this.queue) if (this.pendingMarks.delete(s.item.playId)) this.droppedMarks.add(s.item.playId);
    this.queue = [];
    this.endAt = Math.min(this.endAt, now);
    return { item: head.item, heardMs, promptMs: head.durationMs, dropped };
  }
}
