// Original file: /work/main/proto/voicebot/v1/call_session.proto


/**
 * Voice activity ended (end of utterance as the VAD sees it).
 */
export interface SpeechStopped {
  /**
   * Duration of the utterance in ms.
   */
  'duration_ms'?: (number);
}

/**
 * Voice activity ended (end of utterance as the VAD sees it).
 */
export interface SpeechStopped__Output {
  /**
   * Duration of the utterance in ms.
   */
  'duration_ms': (number);
}
