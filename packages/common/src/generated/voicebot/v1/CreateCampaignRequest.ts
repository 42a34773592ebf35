// Original file: /work/main/proto/voicebot/v1/dialer.proto

import type { CampaignSpec as _voicebot_v1_CampaignSpec, CampaignSpec__Output as _voicebot_v1_CampaignSpec__Output } from '../../voicebot/v1/CampaignSpec.ts';

export interface CreateCampaignRequest {
  /**
   * Optional client-chosen id; generated when empty.
   */
  'campaign_id'?: (string);
  'spec'?: (_voicebot_v1_CampaignSpec | null);
}

export interface CreateCampaignRequest__Output {
  /**
   * Optional client-chosen id; generated when empty.
   */
  'campaign_id': (string);
  'spec': (_voicebot_v1_CampaignSpec__Output | null);
}
