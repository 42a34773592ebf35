// Original file: /work/main/proto/voicebot/v1/dialer.proto


export interface CampaignRef {
  'campaign_id'?: (string);
}

export interface CampaignRef__Output {
  'campaign_id': (string);
}
