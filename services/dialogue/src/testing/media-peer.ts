import { CLIENT_OPTIONS, grpc, voicebotService } from '@voicebot/common';
import type { DialogueCommand__Output } from '@voicebot/common/generated/voicebot/v1/DialogueCommand';
import type { MediaEvent } from '@voicebot/common/generated/voicebot/v1/MediaEvent';

/**
 * A stand-in for the media service on one Converse stream (tests and the benchmark): sends
 * events with increasing seq and lets the caller await the next commands.
 */
export class MediaPeer {
  private seq = 0;
  private readonly inbox: DialogueCommand__Output[] = [];
  private waiters: (() => void)[] = [];
  readonly stream: grpc.ClientDuplexStream<MediaEvent, DialogueCommand__Output>;
  status: grpc.StatusObject | undefined;
  ended = false;

  /** `buffer: false` when the caller consumes `stream` 'data' itself (the benchmark): nothing piles up in the inbox. */
  constructor(client: grpc.Client, readonly callId: string, opts: { buffer?: boolean } = {}) {
    this.stream = (client as unknown as { Converse(): grpc.ClientDuplexStream<MediaEvent, DialogueCommand__Output> }).Converse();
    if (opts.buffer !== false) {
      this.stream.on('data', (c: DialogueCommand__Output) => {
        this.inbox.push(c);
        this.wake();
      });
    }
    this.stream.on('status', (s: grpc.StatusObject) => {
      this.status = s;
      this.wake();
    });
    this.stream.on('error', () => this.wake());
    this.stream.on('end', () => {
      this.ended = true;
      this.wake();
    });
  }

  static client(address: string): grpc.Client {
    const Ctor = voicebotService('CallSessionService');
    return new Ctor(address, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
  }

  /** Send an event with the next seq, or with an explicit one (to replay a duplicate). */
  send(event: Omit<MediaEvent, 'call_id' | 'seq'>, seq?: number): number {
    if (seq === undefined) this.seq++;
    const used = seq ?? this.seq;
    this.stream.write({ call_id: this.callId, seq: used, ...event });
    return used;
  }

  start(extra: Partial<NonNullable<MediaEvent['call_started']>> = {}): void {
    this.send({ call_started: { campaign_id: 'test', lead_id: `lead-${this.callId}`, framing: 'twilio', codec: 'pcmu', sample_rate: 8000, ...extra } });
  }

  say(text: string, confidence = 0.9): number {
    return this.send({ final_transcript: { text, confidence, start_ms: 1000, end_ms: 2000 } });
  }

  /** Wait until at least `n` commands are buffered (or the stream ends), then take them. */
  async take(n = 1, timeoutMs = 10_000): Promise<DialogueCommand__Output[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.inbox.length < n && !this.ended && this.status === undefined) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${n} command(s), have ${this.inbox.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.inbox.splice(0, n);
  }

  /** Take commands up to and including the next one that waits for the callee (last play_prompt, hang_up or transfer). */
  async takeTurn(timeoutMs = 10_000): Promise<DialogueCommand__Output[]> {
    const out: DialogueCommand__Output[] = [];
    for (;;) {
      const [c] = await this.take(1, timeoutMs);
      if (!c) return out;
      out.push(c);
      if (c.hang_up || c.transfer) return out;
      if (c.play_prompt) {
        // More prompts of the same decision arrive back to back; give them a moment (they are written in one tick).
        await new Promise((r) => setTimeout(r, 25));
        if (this.inbox.length === 0) return out;
      }
    }
  }

  /** Report every prompt in `commands` as fully played. */
  played(commands: DialogueCommand__Output[]): void {
    for (const c of commands) if (c.play_prompt) this.send({ playback_mark: { play_id: c.play_prompt.play_id, prompt_id: c.play_prompt.prompt_id } });
  }

  end(party: 'HANGUP_PARTY_ROBOT' | 'HANGUP_PARTY_CALLEE' = 'HANGUP_PARTY_ROBOT', durationMs = 30_000): void {
    this.send({ call_ended: { party, reason: party === 'HANGUP_PARTY_ROBOT' ? 'robot_hangup' : 'carrier_stop', duration_ms: durationMs } });
    this.stream.end();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
