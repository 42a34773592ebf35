// Original file: /work/main/proto/voicebot/v1/dialer.proto


export interface ImportLeadsRequest {
  'campaign_id'?: (string);
  /**
   * CSV text with a header row.
   */
  'csv'?: (string);
}

export interface ImportLeadsRequest__Output {
  'campaign_id': (string);
  /**
   * CSV text with a header row.
   */
  'csv': (string);
}
