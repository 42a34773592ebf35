// Original file: /work/main/proto/voicebot/v1/dialer.proto

import type { Long } from '@grpc/proto-loader';

export interface CheckDoNotCallResponse {
  'blocked'?: (boolean);
  'reason'?: (string);
  'since_ms'?: (number | string | Long);
}

export interface CheckDoNotCallResponse__Output {
  'blocked': (boolean);
  'reason': (string);
  'since_ms': (number);
}
