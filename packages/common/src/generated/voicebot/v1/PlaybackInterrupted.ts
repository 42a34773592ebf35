// Original file: /work/main/proto/voicebot/v1/call_session.proto


/**
 * A prompt was cut short (barge-in or stop command).
 */
export interface PlaybackInterrupted {
  'play_id'?: (string);
  'prompt_id'?: (string);
  /**
   * How much of the prompt the callee heard before it stopped, in ms.
   */
  'heard_ms'?: (number);
  /**
   * Total prompt length in ms.
   */
  'prompt_ms'?: (number);
  /**
   * Why it stopped: "barge_in_speech", "barge_in_keyword", "stop_command".
   */
  'reason'?: (string);
  /**
   * Stream time (ms) of the callee speech onset that caused the barge-in (0 for stop_command).
   */
  'speech_onset_ms'?: (number);
  /**
   * Milliseconds from speech onset to playback stopped and carrier flush sent (monotonic clock).
   */
  'latency_ms'?: (number | string);
}

/**
 * A prompt was cut short (barge-in or stop command).
 */
export interface PlaybackInterrupted__Output {
  'play_id': (string);
  'prompt_id': (string);
  /**
   * How much of the prompt the callee heard before it stopped, in ms.
   */
  'heard_ms': (number);
  /**
   * Total prompt length in ms.
   */
  'prompt_ms': (number);
  /**
   * Why it stopped: "barge_in_speech", "barge_in_keyword", "stop_command".
   */
  'reason': (string);
  /**
   * Stream time (ms) of the callee speech onset that caused the barge-in (0 for stop_command).
   */
  'speech_onset_ms': (number);
  /**
   * Milliseconds from speech onset to playback stopped and carrier flush sent (monotonic clock).
   */
  'latency_ms': (number);
}
