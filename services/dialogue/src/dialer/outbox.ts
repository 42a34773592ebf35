import { grpc, type Logger } from '@voicebot/common';
import type { DialogueStore, OutboxRow } from '../store/dialogue-store.ts';
import type { DialerPort } from './dialer-client.ts';

export interface OutboxMetrics {
  delivered(kind: string): void;
  failed(kind: string): void;
  rejected(kind: string): void;
  pending(n: number): void;
}

/** Answers that will not change on retry: the message is kept but no longer sent. */
const PERMANENT = new Set<number>([grpc.status.INVALID_ARGUMENT, grpc.status.NOT_FOUND, grpc.status.FAILED_PRECONDITION, grpc.status.PERMISSION_DENIED, grpc.status.UNIMPLEMENTED]);

/** Exponential backoff between delivery attempts: 1 s, 2 s, 4 s … capped at 60 s. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.min(attempts, 6));
}

/**
 * Delivers stored dialer messages (do-not-call first, then call outcomes) at least once. Rows are
 * written in the same transaction as the evidence/record they belong to, so a dialer outage
 * only delays them; `kick()` sends at once (opt-outs must reach the dialer immediately).
 */
export class DialerOutbox {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly store: DialogueStore,
    private readonly dialer: DialerPort,
    private readonly log: Logger,
    private readonly metrics: OutboxMetrics,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Run a delivery pass now (coalesced with one in progress). Does nothing once stopped. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass()
      .catch((err: unknown) => this.log.warn({ err }, 'outbox pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.kick();
        }
      });
    return this.running;
  }

  /** Stop the timer and kicks, then make one last delivery pass (shutdown: the database closes next). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.stopped = true;
    while (this.running) await this.running;
    await this.pass().catch((err: unknown) => this.log.warn({ err }, 'last outbox pass failed'));
  }

  private async pass(): Promise<void> {
    const rows = await this.store.dueOutbox(Date.now());
    for (const row of rows) await this.deliver(row);
    this.metrics.pending(await this.store.pendingOutbox());
  }

  private async deliver(row: OutboxRow): Promise<void> {
    try {
      if (row.kind === 'dnc') await this.dialer.addDoNotCall(row.payload);
      else await this.dialer.reportCallOutcome(row.payload);
      await this.store.markDelivered(row.id, Date.now());
      this.metrics.delivered(row.kind);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const code = (err as { code?: unknown }).code;
      if (code === grpc.status.ALREADY_EXISTS) {
        await this.store.markDelivered(row.id, Date.now());
        this.metrics.delivered(row.kind);
        return;
      }
      if (typeof code === 'number' && PERMANENT.has(code)) {
        await this.store.markRejected(row.id, message, Date.now());
        this.metrics.rejected(row.kind);
        this.log.error({ kind: row.kind, callId: row.callId, err: message }, 'dialer refused the message for good; kept in the outbox, not retried');
        return;
      }
      await this.store.markFailed(row.id, message, Date.now() + backoffMs(row.attempts));
      this.metrics.failed(row.kind);
      this.log.warn({ kind: row.kind, callId: row.callId, attempts: row.attempts + 1, err: message }, 'dialer delivery failed, will retry');
    }
  }
}
