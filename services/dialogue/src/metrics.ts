import { prom } from '@voicebot/common';
import type { Registry } from 'prom-client';

/** Decision latency is sub-millisecond in process; buckets from 50 µs to 50 ms. */
const DECISION_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05];

export interface DialogueMetrics {
  decision: prom.Histogram<'event'>;
  activeCalls: prom.Gauge;
  calls: prom.Counter<'grade' | 'script'>;
  events: prom.Counter<'event'>;
  rejected: prom.Counter<'reason'>;
  intents: prom.Counter<'intent'>;
  consents: prom.Counter;
  optOuts: prom.Counter;
  dialer: prom.Counter<'kind' | 'result'>;
  outboxPending: prom.Gauge;
  storeErrors: prom.Counter<'op'>;
}

export function createMetrics(registry: Registry): DialogueMetrics {
  const registers = [registry];
  return {
    decision: new prom.Histogram({
      name: 'voicebot_dialogue_decision_seconds',
      help: 'Media event in → dialogue commands out, per decided event',
      labelNames: ['event'],
      buckets: DECISION_BUCKETS,
      registers,
    }),
    activeCalls: new prom.Gauge({ name: 'voicebot_dialogue_active_calls', help: 'Calls with an open Converse stream', registers }),
    calls: new prom.Counter({ name: 'voicebot_dialogue_calls_total', help: 'Finished calls by grade and script', labelNames: ['grade', 'script'], registers }),
    events: new prom.Counter({ name: 'voicebot_dialogue_events_total', help: 'Media events received by kind', labelNames: ['event'], registers }),
    rejected: new prom.Counter({ name: 'voicebot_dialogue_events_rejected_total', help: 'Media events not acted on (duplicates, after hang-up, …)', labelNames: ['reason'], registers }),
    intents: new prom.Counter({ name: 'voicebot_dialogue_intents_total', help: 'Classified callee inputs by intent kind', labelNames: ['intent'], registers }),
    consents: new prom.Counter({ name: 'voicebot_dialogue_consents_total', help: 'Verbal consents recorded', registers }),
    optOuts: new prom.Counter({ name: 'voicebot_dialogue_opt_outs_total', help: 'Opt-outs recorded', registers }),
    dialer: new prom.Counter({ name: 'voicebot_dialogue_dialer_deliveries_total', help: 'Outbox deliveries to the dialer', labelNames: ['kind', 'result'], registers }),
    outboxPending: new prom.Gauge({ name: 'voicebot_dialogue_outbox_pending', help: 'Dialer messages not yet delivered', registers }),
    storeErrors: new prom.Counter({ name: 'voicebot_dialogue_store_errors_total', help: 'Failed database writes (retried)', labelNames: ['op'], registers }),
  };
}
