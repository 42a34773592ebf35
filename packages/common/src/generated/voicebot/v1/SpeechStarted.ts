// Original file: /work/main/proto/voicebot/v1/call_session.proto


/**
 * Voice activity detected: the callee started speaking.
 */
export interface SpeechStarted {
  /**
   * True when a prompt was playing at that moment.
   */
  'during_playback'?: (boolean);
}

/**
 * Voice activity detected: the callee started speaking.
 */
export interface SpeechStarted__Output {
  /**
   * True when a prompt was playing at that moment.
   */
  'during_playback': (boolean);
}
