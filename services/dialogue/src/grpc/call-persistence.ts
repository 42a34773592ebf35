import type { Logger } from '@voicebot/common';
import type { DialerOutbox } from '../dialer/outbox.ts';
import type { ConsentRecord } from '../engine/conversation.ts';
import type { DialogueMetrics } from '../metrics.ts';
import type { CallRecordData } from '../session/call-record.ts';
import type { DialogueStore } from '../store/dialogue-store.ts';

const ATTEMPTS = 6;

export function outcomeReport(rec: CallRecordData): Record<string, unknown> {
  return {
    call_id: rec.callId,
    campaign_id: rec.campaignId,
    lead_id: rec.leadId,
    grade: rec.grade ? `GRADE_${rec.grade}` : 'GRADE_UNSPECIFIED',
    consent: rec.consent !== null,
    opted_out: rec.optedOut,
    refused: rec.refused,
    end_reason: rec.endReason,
    talk_ms: rec.talkMs,
    opt_out_evidence: rec.optOutEvidence,
    answer_to_audio_ms: rec.answerToAudioMs,
  };
}

/**
 * Writes of one call, in order, off the decision path. Each write is retried with backoff; when
 * the database stays down the record is logged in full so it can be replayed, never dropped.
 */
export class CallPersistence {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: DialogueStore,
    private readonly outbox: DialerOutbox,
    private readonly metrics: DialogueMetrics,
    private readonly log: Logger,
  ) {}

  started(rec: CallRecordData): void {
    this.enqueue('save_call', rec, () => this.store.saveCall(rec));
  }

  consent(rec: CallRecordData, consent: ConsentRecord): void {
    this.metrics.consents.inc();
    this.enqueue('consent', { rec, consent }, () => this.store.addConsent(rec, consent, Date.now()));
  }

  optOut(rec: CallRecordData, evidence: string): void {
    this.metrics.optOuts.inc();
    const dnc = { lead_id: rec.leadId, reason: 'opt_out', source: 'dialogue', evidence, call_id: rec.callId };
    this.enqueue('opt_out', { rec, evidence }, async () => {
      await this.store.addOptOut(rec, evidence, dnc, Date.now());
      void this.outbox.kick();
    });
  }

  finished(rec: CallRecordData): void {
    this.metrics.calls.inc({ grade: rec.grade || 'none', script: rec.scriptId });
    this.enqueue('finish_call', rec, async () => {
      await this.store.finishCall(rec, outcomeReport(rec), Date.now());
      void this.outbox.kick();
    });
  }

  /** Resolves when every queued write has been attempted. */
  flushed(): Promise<void> {
    return this.chain;
  }

  private enqueue(op: string, payload: unknown, write: () => Promise<void>): void {
    // Snapshot now: the record object keeps changing while the write waits its turn.
    const snapshot = JSON.stringify(payload);
    this.chain = this.chain.then(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await write();
          return;
        } catch (err) {
          this.metrics.storeErrors.inc({ op });
          if (attempt >= ATTEMPTS) {
            this.log.error({ op, err, payload: snapshot }, 'database write failed for good; record kept in this log line');
            return;
          }
          await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
        }
      }
    });
  }
}
