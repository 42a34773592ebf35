import { CLIENT_OPTIONS, type Logger, grpc, unary, voicebotService } from '@voicebot/common';
import type { CapacityReport } from '@voicebot/common/generated/voicebot/v1/CapacityReport';

/**
 * Tells the dialer how many robot slots this instance has free: every `periodMs` and soon after
 * any change. A dialer that is down is logged once per outage, not once per report.
 */
export class CapacityReporter {
  private readonly client: grpc.Client;
  private timer: NodeJS.Timeout | undefined;
  private pending: NodeJS.Timeout | undefined;
  private last = '';
  private failing = false;
  private inFlight = false;

  constructor(
    address: string,
    private readonly snapshot: () => CapacityReport,
    private readonly periodMs: number,
    private readonly log: Logger,
  ) {
    const Ctor = voicebotService('DialerService');
    this.client = new Ctor(address, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
  }

  start(): void {
    this.timer = setInterval(() => void this.report(), this.periodMs);
    this.timer.unref();
    void this.report();
  }

  /** Call on any change; reports are coalesced to one per 100 ms. */
  changed(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      const s = JSON.stringify(this.snapshot());
      if (s !== this.last) void this.report();
    }, 100);
    this.pending.unref();
  }

  async report(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    const snap = this.snapshot();
    try {
      await unary(this.client, 'ReportCapacity', snap, 1500);
      this.last = JSON.stringify(snap);
      if (this.failing) this.log.info('dialer reachable again; capacity reported');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.log.warn({ err: (err as Error).message }, 'cannot report capacity to the dialer (will keep trying)');
      this.failing = true;
    } finally {
      this.inFlight = false;
    }
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.pending);
    this.client.close();
  }
}
