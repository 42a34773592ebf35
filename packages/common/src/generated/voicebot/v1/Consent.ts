// Original file: /work/main/proto/voicebot/v1/dialogue.proto

import type { Long } from '@grpc/proto-loader';

export interface Consent {
  'call_id'?: (string);
  'node_id'?: (string);
  'utterance'?: (string);
  'start_ms'?: (number);
  'end_ms'?: (number);
  'recorded_at_ms'?: (number | string | Long);
}

export interface Consent__Output {
  'call_id': (string);
  'node_id': (string);
  'utterance': (string);
  'start_ms': (number);
  'end_ms': (number);
  'recorded_at_ms': (number);
}
