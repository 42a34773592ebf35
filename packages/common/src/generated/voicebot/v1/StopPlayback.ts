// Original file: /work/main/proto/voicebot/v1/call_session.proto


/**
 * Stop whatever is playing and flush the carrier's buffer.
 */
export interface StopPlayback {
  'reason'?: (string);
}

/**
 * Stop whatever is playing and flush the carrier's buffer.
 */
export interface StopPlayback__Output {
  'reason': (string);
}
