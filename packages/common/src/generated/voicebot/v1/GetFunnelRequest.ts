// Original file: /work/main/proto/voicebot/v1/dialogue.proto

import type { Long } from '@grpc/proto-loader';

export interface GetFunnelRequest {
  'campaign_id'?: (string);
  'from_ms'?: (number | string | Long);
  'to_ms'?: (number | string | Long);
}

export interface GetFunnelRequest__Output {
  'campaign_id': (string);
  'from_ms': (number);
  'to_ms': (number);
}
