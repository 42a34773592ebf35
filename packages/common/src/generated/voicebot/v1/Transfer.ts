// Original file: /work/main/proto/voicebot/v1/call_session.proto


/**
 * Hand the call to a human agent queue.
 */
export interface Transfer {
  /**
   * Target queue or SIP/phone address.
   */
  'target'?: (string);
  'reason'?: (string);
}

/**
 * Hand the call to a human agent queue.
 */
export interface Transfer__Output {
  /**
   * Target queue or SIP/phone address.
   */
  'target': (string);
  'reason': (string);
}
