import { LATENCY_BUCKETS, prom } from '@voicebot/common';

/** The dialer's metrics (one registry per process; labels never carry ids or numbers). */
export function createDialerMetrics(registry: prom.Registry) {
  const r = [registry];
  return {
    dialLevel: new prom.Gauge({ name: 'voicebot_dialer_dial_level', help: 'Lines out per available robot the pacer aims for', labelNames: ['campaign'], registers: r }),
    abandonRatio: new prom.Gauge({
      name: 'voicebot_dialer_abandon_ratio',
      help: 'Rolling abandoned / live-answered ratio under the campaign rule window',
      labelNames: ['campaign'],
      registers: r,
    }),
    answerRate: new prom.Gauge({ name: 'voicebot_dialer_answer_rate_ratio', help: 'Estimated probability a dial reaches a human', labelNames: ['campaign'], registers: r }),
    freeSlots: new prom.Gauge({ name: 'voicebot_dialer_free_robot_slots', help: 'Free robot slots as reported by media instances', registers: r }),
    claims: new prom.Counter({ name: 'voicebot_dialer_claims_total', help: 'Leads claimed and cleared to dial', registers: r }),
    blocks: new prom.Counter({ name: 'voicebot_dialer_blocks_total', help: 'Leads blocked by compliance at claim time', labelNames: ['reason'], registers: r }),
    calls: new prom.Counter({ name: 'voicebot_dialer_calls_total', help: 'Dial attempts ended, by outcome', labelNames: ['outcome'], registers: r }),
    originateErrors: new prom.Counter({ name: 'voicebot_dialer_originate_errors_total', help: 'Originate requests the carrier failed', labelNames: ['carrier', 'definitive'], registers: r }),
    callbacks: new prom.Counter({ name: 'voicebot_dialer_status_callbacks_total', help: 'Carrier status callbacks', labelNames: ['result'], registers: r }),
    answerToAudio: new prom.Histogram({
      name: 'voicebot_dialer_answer_to_audio_seconds',
      help: 'Call answered to first robot audio frame (abandoned-call evidence)',
      buckets: [...LATENCY_BUCKETS, 10],
      registers: r,
    }),
    originateLatency: new prom.Histogram({ name: 'voicebot_dialer_originate_seconds', help: 'Originate request round trip', buckets: LATENCY_BUCKETS, registers: r }),
    webhooks: new prom.Counter({ name: 'voicebot_dialer_crm_webhooks_total', help: 'CRM webhook deliveries', labelNames: ['result'], registers: r }),
    reconciled: new prom.Counter({ name: 'voicebot_dialer_reconciled_attempts_total', help: 'Attempts settled by reconciliation', labelNames: ['how'], registers: r }),
  };
}

export type DialerMetrics = ReturnType<typeof createDialerMetrics>;
