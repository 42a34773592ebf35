// Original file: /work/main/proto/voicebot/v1/call_session.proto


/**
 * No speech for the configured time after the last prompt finished.
 */
export interface SilenceTimeout {
  /**
   * How long the silence lasted, in ms.
   */
  'silence_ms'?: (number);
}

/**
 * No speech for the configured time after the last prompt finished.
 */
export interface SilenceTimeout__Output {
  /**
   * How long the silence lasted, in ms.
   */
  'silence_ms': (number);
}
