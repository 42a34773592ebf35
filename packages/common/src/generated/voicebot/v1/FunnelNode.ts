// Original file: /work/main/proto/voicebot/v1/dialogue.proto


export interface FunnelNode {
  'node_id'?: (string);
  'reached'?: (number);
  'barge_ins'?: (number);
  'refusals'?: (number);
  'hang_ups'?: (number);
  'silences'?: (number);
  /**
   * Fraction of calls that reached this node and went on to the next stage.
   */
  'conversion'?: (number | string);
}

export interface FunnelNode__Output {
  'node_id': (string);
  'reached': (number);
  'barge_ins': (number);
  'refusals': (number);
  'hang_ups': (number);
  'silences': (number);
  /**
   * Fraction of calls that reached this node and went on to the next stage.
   */
  'conversion': (number);
}
