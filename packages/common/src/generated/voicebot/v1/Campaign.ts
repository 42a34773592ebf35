// Original file: /work/main/proto/voicebot/v1/dialer.proto

import type { CampaignSpec as _voicebot_v1_CampaignSpec, CampaignSpec__Output as _voicebot_v1_CampaignSpec__Output } from '../../voicebot/v1/CampaignSpec.ts';
import type { CampaignState as _voicebot_v1_CampaignState, CampaignState__Output as _voicebot_v1_CampaignState__Output } from '../../voicebot/v1/CampaignState.ts';
import type { Long } from '@grpc/proto-loader';

export interface Campaign {
  'campaign_id'?: (string);
  'spec'?: (_voicebot_v1_CampaignSpec | null);
  'state'?: (_voicebot_v1_CampaignState);
  'created_at_ms'?: (number | string | Long);
}

export interface Campaign__Output {
  'campaign_id': (string);
  'spec': (_voicebot_v1_CampaignSpec__Output | null);
  'state': (_voicebot_v1_CampaignState__Output);
  'created_at_ms': (number);
}
