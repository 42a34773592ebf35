// Original file: /work/main/proto/voicebot/v1/call_session.proto


/**
 * A prompt the dialogue asked for finished playing (its mark was reached at the peer).
 */
export interface PlaybackMark {
  /**
   * The `play_id` of the `PlayPrompt` command.
   */
  'play_id'?: (string);
  /**
   * Prompt id that finished.
   */
  'prompt_id'?: (string);
}

/**
 * A prompt the dialogue asked for finished playing (its mark was reached at the peer).
 */
export interface PlaybackMark__Output {
  /**
   * The `play_id` of the `PlayPrompt` command.
   */
  'play_id': (string);
  /**
   * Prompt id that finished.
   */
  'prompt_id': (string);
}
