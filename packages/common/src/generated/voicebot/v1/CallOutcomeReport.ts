// Original file: /work/main/proto/voicebot/v1/dialer.proto

import type { Grade as _voicebot_v1_Grade, Grade__Output as _voicebot_v1_Grade__Output } from '../../voicebot/v1/Grade.ts';

export interface CallOutcomeReport {
  'call_id'?: (string);
  'campaign_id'?: (string);
  'lead_id'?: (string);
  'grade'?: (_voicebot_v1_Grade);
  'consent'?: (boolean);
  'opted_out'?: (boolean);
  /**
   * The callee refused explicitly (stop retrying this lead).
   */
  'refused'?: (boolean);
  'end_reason'?: (string);
  'talk_ms'?: (number);
  /**
   * Opt-out utterance, as evidence for the do-not-call record.
   */
  'opt_out_evidence'?: (string);
  /**
   * Ms from answer to the robot's first audio frame, when media measured it.
   */
  'answer_to_audio_ms'?: (number);
}

export interface CallOutcomeReport__Output {
  'call_id': (string);
  'campaign_id': (string);
  'lead_id': (string);
  'grade': (_voicebot_v1_Grade__Output);
  'consent': (boolean);
  'opted_out': (boolean);
  /**
   * The callee refused explicitly (stop retrying this lead).
   */
  'refused': (boolean);
  'end_reason': (string);
  'talk_ms': (number);
  /**
   * Opt-out utterance, as evidence for the do-not-call record.
   */
  'opt_out_evidence': (string);
  /**
   * Ms from answer to the robot's first audio frame, when media measured it.
   */
  'answer_to_audio_ms': (number);
}
