/**
 * The callee's earpiece: robot audio and marks queued in arrival order and played out one 20 ms
 * frame per tick, as a carrier's playout buffer does. A mark is "reached" when all audio queued
 * before it has been played; `clear` drops the queued audio at once and hands back the marks it
 * dropped (the carrier echoes those too). Pure: the session calls `playFrame` on its clock.
 */
export const FRAME_BYTES = 160;

type Item = { kind: 'audio'; data: Uint8Array; offset: number } | { kind: 'mark'; name: string };

/** `PROMPT_START`: the first robot audio since the last mark or clear; a string: a mark reached. */
export const PROMPT_START = Symbol('prompt start');
export type PlaybackEvent = typeof PROMPT_START | string;

export interface FrameResult {
  /** Bytes of robot audio played this frame (0–160); the rest of `frame` is silence. */
  played: number;
  /** Prompt starts and marks reached during this frame, in playback order. */
  events: PlaybackEvent[];
}

export class PlaybackBuffer {
  private readonly items: Item[] = [];
  private head = 0;
  private bufferedBytes = 0;
  private inPrompt = false;
  /** Reused every frame: the per-frame path allocates nothing. */
  private readonly result: FrameResult = { played: 0, events: [] };

  constructor(private readonly maxBytes: number, private readonly silence: number) {}

  get buffered(): number {
    return this.bufferedBytes;
  }

  /** Queue robot audio; returns false (and queues nothing) when the buffer would overflow. */
  pushAudio(data: Uint8Array): boolean {
    if (this.bufferedBytes + data.length > this.maxBytes) return false;
    if (data.length === 0) return true;
    this.items.push({ kind: 'audio', data, offset: 0 });
    this.bufferedBytes += data.length;
    return true;
  }

  pushMark(name: string): void {
    this.items.push({ kind: 'mark', name });
  }

  /** Play the next 20 ms into `frame` (160 µ-law bytes). The result is valid until the next call. */
  playFrame(frame: Uint8Array): FrameResult {
    const events = this.result.events;
    events.length = 0;
    let played = 0;
    while (this.head < this.items.length) {
      const item = this.items[this.head]!;
      if (item.kind === 'mark') {
        events.push(item.name);
        this.inPrompt = false;
        this.head++;
        continue;
      }
      if (played === FRAME_BYTES) break;
      if (!this.inPrompt) {
        this.inPrompt = true;
        events.push(PROMPT_START);
      }
      const n = Math.min(FRAME_BYTES - played, item.data.length - item.offset);
      frame.set(item.data.subarray(item.offset, item.offset + n), played);
      played += n;
      item.offset += n;
      this.bufferedBytes -= n;
      if (item.offset === item.data.length) this.head++;
    }
    if (played < FRAME_BYTES) frame.fill(this.silence, played);
    this.compact();
    this.result.played = played;
    return this.result;
  }

  /** Drop everything queued; returns the dropped marks in order. */
  clear(): string[] {
    const dropped: string[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i]!;
      if (item.kind === 'mark') dropped.push(item.name);
    }
    this.items.length = 0;
    this.head = 0;
    this.bufferedBytes = 0;
    this.inPrompt = false;
    return dropped;
  }

  private compact(): void {
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 64) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
  }
}
