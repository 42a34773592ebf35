// Original file: /work/main/proto/voicebot/v1/call_session.proto


/**
 * A partial or final ASR result.
 */
export interface Transcript {
  /**
   * Recognised text (normalised by the recognizer; may be empty for a garbage-only final).
   */
  'text'?: (string);
  /**
   * Recognizer confidence in [0, 1].
   */
  'confidence'?: (number | string);
  /**
   * Stream time (ms) where the utterance starts.
   */
  'start_ms'?: (number);
  /**
   * Stream time (ms) where the utterance ends.
   */
  'end_ms'?: (number);
  /**
   * True when this utterance overlapped a playing prompt.
   */
  'during_playback'?: (boolean);
}

/**
 * A partial or final ASR result.
 */
export interface Transcript__Output {
  /**
   * Recognised text (normalised by the recognizer; may be empty for a garbage-only final).
   */
  'text': (string);
  /**
   * Recognizer confidence in [0, 1].
   */
  'confidence': (number);
  /**
   * Stream time (ms) where the utterance starts.
   */
  'start_ms': (number);
  /**
   * Stream time (ms) where the utterance ends.
   */
  'end_ms': (number);
  /**
   * True when this utterance overlapped a playing prompt.
   */
  'during_playback': (boolean);
}
