import type { Logger, Pool } from '@voicebot/common';
import type { DialerMetrics } from '../metrics.ts';
import { dueWebhooks, markDelivered, markFailed } from '../store/outbox.ts';
import { backoffMs, signWebhook } from './signature.ts';

export interface CrmWebhookOptions {
  pool: Pool;
  log: Logger;
  metrics: DialerMetrics;
  /** Empty: nothing is sent; the outbox keeps every event until a URL is configured. */
  url: string;
  secret: string;
  pollMs?: number;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  now?: () => number;
}

/** Delivers the outbox (graded leads, opt-outs) to the CRM, signed, at least once, with backoff. */
export class CrmWebhookSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly o: CrmWebhookOptions) {}

  start(): void {
    if (!this.o.url) return;
    this.timer = setInterval(() => {
      this.running ??= this.deliverDue()
        .then(() => undefined)
        .catch((err: unknown) => this.o.log.error({ err }, 'CRM outbox round failed'))
        .finally(() => {
          this.running = null;
        });
    }, this.o.pollMs ?? 1000);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One delivery round; returns how many were delivered. */
  async deliverDue(): Promise<number> {
    const now = this.o.now ?? Date.now;
    const doFetch = this.o.fetchImpl ?? fetch;
    let delivered = 0;
    for (const item of await dueWebhooks(this.o.pool, now(), 50)) {
      const body = JSON.stringify({ id: item.id, type: item.kind, created_ms: item.createdMs, data: item.payload });
      const ts = Math.floor(now() / 1000);
      try {
        const res = await doFetch(this.o.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-voicebot-event': item.kind,
            'x-voicebot-delivery': String(item.id),
            'x-voicebot-timestamp': String(ts),
            'x-voicebot-signature': signWebhook(this.o.secret, body, ts),
          },
          body,
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000),
        });
        if (res.status >= 200 && res.status < 300) {
          await markDelivered(this.o.pool, item.id, now());
          this.o.metrics.webhooks.inc({ result: 'delivered' });
          delivered++;
          continue;
        }
        throw new Error(`CRM answered ${res.status}`);
      } catch (err) {
        await markFailed(this.o.pool, item.id, now() + backoffMs(item.tries), (err as Error).message);
        this.o.metrics.webhooks.inc({ result: 'retry' });
      }
    }
    return delivered;
  }
}
