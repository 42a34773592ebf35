// Original file: /work/main/proto/voicebot/v1/call_session.proto


/**
 * End the call once queued prompts have played (or at once when `immediate`).
 */
export interface HangUp {
  /**
   * Hang-up reason recorded with the call: "completed", "opt_out", "refused", "silence", ...
   */
  'reason'?: (string);
  'immediate'?: (boolean);
}

/**
 * End the call once queued prompts have played (or at once when `immediate`).
 */
export interface HangUp__Output {
  /**
   * Hang-up reason recorded with the call: "completed", "opt_out", "refused", "silence", ...
   */
  'reason': (string);
  'immediate': (boolean);
}
