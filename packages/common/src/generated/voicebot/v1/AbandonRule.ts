// Original file: /work/main/proto/voicebot/v1/dialer.proto


export interface AbandonRule {
  /**
   * "fcc_30d" (US: 3 % of live answers per campaign over 30 days) or "ofcom_24h" (UK).
   */
  'kind'?: (string);
  /**
   * Maximum abandon ratio, e.g. 0.03.
   */
  'threshold'?: (number | string);
}

export interface AbandonRule__Output {
  /**
   * "fcc_30d" (US: 3 % of live answers per campaign over 30 days) or "ofcom_24h" (UK).
   */
  'kind': (string);
  /**
   * Maximum abandon ratio, e.g. 0.03.
   */
  'threshold': (number);
}
