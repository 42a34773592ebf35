// Original file: /work/main/proto/voicebot/v1/call_session.proto


/**
 * A DTMF digit from the carrier.
 */
export interface Dtmf {
  /**
   * One of 0-9, *, #, A-D.
   */
  'digit'?: (string);
  /**
   * Duration in ms when the carrier reports it, else 0.
   */
  'duration_ms'?: (number);
}

/**
 * A DTMF digit from the carrier.
 */
export interface Dtmf__Output {
  /**
   * One of 0-9, *, #, A-D.
   */
  'digit': (string);
  /**
   * Duration in ms when the carrier reports it, else 0.
   */
  'duration_ms': (number);
}
