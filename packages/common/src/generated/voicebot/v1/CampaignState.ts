// Original file: /work/main/proto/voicebot/v1/dialer.proto

export const CampaignState = {
  CAMPAIGN_STATE_UNSPECIFIED: 'CAMPAIGN_STATE_UNSPECIFIED',
  CAMPAIGN_STATE_PAUSED: 'CAMPAIGN_STATE_PAUSED',
  CAMPAIGN_STATE_RUNNING: 'CAMPAIGN_STATE_RUNNING',
  CAMPAIGN_STATE_STOPPED: 'CAMPAIGN_STATE_STOPPED',
  /**
   * Every lead reached a final state.
   */
  CAMPAIGN_STATE_COMPLETED: 'CAMPAIGN_STATE_COMPLETED',
} as const;

export type CampaignState =
  | 'CAMPAIGN_STATE_UNSPECIFIED'
  | 0
  | 'CAMPAIGN_STATE_PAUSED'
  | 1
  | 'CAMPAIGN_STATE_RUNNING'
  | 2
  | 'CAMPAIGN_STATE_STOPPED'
  | 3
  /**
   * Every lead reached a final state.
   */
  | 'CAMPAIGN_STATE_COMPLETED'
  | 4

export type CampaignState__Output = typeof CampaignState[keyof typeof CampaignState]
