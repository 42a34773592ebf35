import { LATENCY_BUCKETS, createRegistry, prom } from '@voicebot/common';

/** Every metric of the media service, on one registry. Labels are low-cardinality only. */
export function createMediaMetrics(registry = createRegistry('media')) {
  const r = [registry];
  return {
    registry,
    bargeInLatency: new prom.Histogram({ name: 'voicebot_media_bargein_latency_seconds', help: 'Callee speech onset (arrival of the onset frame) to playback stopped and carrier flush sent', labelNames: ['framing'], buckets: LATENCY_BUCKETS, registers: r }),
    responseLatency: new prom.Histogram({ name: 'voicebot_media_response_latency_seconds', help: 'End of callee utterance (arrival of its last speech frame) to first frame of the next prompt sent', labelNames: ['framing'], buckets: LATENCY_BUCKETS, registers: r }),
    asrFinalLatency: new prom.Histogram({ name: 'voicebot_media_asr_final_latency_seconds', help: 'End of speech (arrival of its last frame) to final transcript available on the main thread', buckets: LATENCY_BUCKETS, registers: r }),
    frameLateness: new prom.Histogram({ name: 'voicebot_media_frame_lateness_seconds', help: 'How much later than its 20 ms cadence an inbound frame arrived', labelNames: ['framing'], buckets: [0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28], registers: r }),
    activeCalls: new prom.Gauge({ name: 'voicebot_media_active_calls', help: 'Calls with an open carrier stream', labelNames: ['framing'], registers: r }),
    freeSlots: new prom.Gauge({ name: 'voicebot_media_asr_free_slots', help: 'Calls the ASR worker pool can still take', registers: r }),
    queueDepth: new prom.Gauge({ name: 'voicebot_media_asr_worker_queue_depth', help: 'Calls waiting for a (re)starting ASR worker', registers: r }),
    workerBacklog: new prom.Gauge({ name: 'voicebot_media_asr_backlog_seconds', help: 'Largest unanalysed audio backlog of any call, seconds', registers: r }),
    workerBusy: new prom.Gauge({ name: 'voicebot_media_asr_worker_busy_ratio', help: 'Share of the last second each ASR worker spent analysing audio', labelNames: ['worker'], registers: r }),
    workerRestarts: new prom.Counter({ name: 'voicebot_media_asr_worker_restarts_total', help: 'ASR workers replaced after dying', registers: r }),
    transcriptGaps: new prom.Counter({ name: 'voicebot_media_asr_transcript_gaps_total', help: 'Calls that lost ASR state because their worker died', registers: r }),
    vadWindows: new prom.Counter({ name: 'voicebot_media_vad_windows_total', help: 'VAD windows by outcome: inferred, or skipped by the energy pre-gate', labelNames: ['outcome'], registers: r }),
    rejectedFrames: new prom.Counter({ name: 'voicebot_media_rejected_frames_total', help: 'Inbound carrier messages rejected, by reason', labelNames: ['framing', 'reason'], registers: r }),
    rejectedConnections: new prom.Counter({ name: 'voicebot_media_rejected_connections_total', help: 'Carrier connections refused, by reason', labelNames: ['reason'], registers: r }),
    bargeIns: new prom.Counter({ name: 'voicebot_media_barge_ins_total', help: 'Prompts interrupted by the callee, by reason', labelNames: ['reason'], registers: r }),
    echoSuppressed: new prom.Counter({ name: 'voicebot_media_echo_suppressed_total', help: 'Utterances judged to be our own prompt echoed back (no barge-in, no transcript)', registers: r }),
    outboundDropped: new prom.Counter({ name: 'voicebot_media_outbound_dropped_total', help: 'Outbound messages the transport refused (backpressure limit)', labelNames: ['framing'], registers: r }),
    calls: new prom.Counter({ name: 'voicebot_media_calls_total', help: 'Calls ended, by who ended them', labelNames: ['framing', 'party'], registers: r }),
    dialogueErrors: new prom.Counter({ name: 'voicebot_media_dialogue_stream_errors_total', help: 'Converse streams that failed', registers: r }),
    promptErrors: new prom.Counter({ name: 'voicebot_media_prompt_errors_total', help: 'play_prompt commands whose recording could not be loaded', registers: r }),
    jitterDepth: new prom.Histogram({ name: 'voicebot_media_jitter_buffer_depth_seconds', help: 'Target depth of RTP jitter buffers, sampled per packet', buckets: [0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2], registers: r }),
    jitterLoss: new prom.Counter({ name: 'voicebot_media_jitter_packets_total', help: 'RTP packets by fate: played, concealed (lost), late, duplicate', labelNames: ['fate'], registers: r }),
  };
}

export type MediaMetrics = ReturnType<typeof createMediaMetrics>;
