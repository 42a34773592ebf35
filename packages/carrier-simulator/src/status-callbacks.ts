import { twilioSignature } from './signature.ts';

/**
 * Twilio call-progress callbacks: form-encoded POSTs signed with `X-Twilio-Signature`, delivered
 * in order per call (each waits for the previous one, like Twilio's per-call queue). A failed
 * delivery is reported, not retried: Twilio does not retry status callbacks either.
 */
export type CallbackEvent = 'initiated' | 'ringing' | 'answered' | 'completed';

export interface CallbackTarget {
  url: string;
  events: ReadonlySet<CallbackEvent>;
}

export class StatusCallbackQueue {
  private tail: Promise<void> = Promise.resolve();
  private sequence = 0;

  constructor(
    private readonly target: CallbackTarget | undefined,
    private readonly authToken: string,
    private readonly onError: (message: string) => void,
    private readonly timeoutMs = 5000,
  ) {}

  /** Queue one callback if the dialer subscribed to `event`; `params` without SequenceNumber/Timestamp. */
  send(event: CallbackEvent, params: Record<string, string>): void {
    const target = this.target;
    if (!target || !target.events.has(event)) return;
    const body = new URLSearchParams({ ...params, SequenceNumber: String(this.sequence++), Timestamp: new Date().toUTCString() });
    const signature = twilioSignature(this.authToken, target.url, body.entries());
    this.tail = this.tail.then(() => this.post(target.url, body, signature, `${event} (${params.CallStatus})`));
  }

  /** Resolves when every queued callback has been delivered or has failed. */
  drain(): Promise<void> {
    return this.tail;
  }

  private async post(url: string, body: URLSearchParams, signature: string, what: string): Promise<void> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'user-agent': 'TwilioProxy/1.1 (voicebot carrier simulator)' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.arrayBuffer();
      if (!res.ok) this.onError(`status callback ${what} to ${url} answered HTTP ${res.status}`);
    } catch (err) {
      this.onError(`status callback ${what} to ${url} failed: ${(err as Error).message}`);
    }
  }
}
