// Original file: /work/main/proto/voicebot/v1/common.proto

/**
 * When a prompt may be interrupted by the callee (barge-in).
 */
export const BargeInPolicy = {
  BARGE_IN_POLICY_UNSPECIFIED: 'BARGE_IN_POLICY_UNSPECIFIED',
  /**
   * Never interrupt (legal disclosures); the callee's speech is still transcribed.
   */
  BARGE_IN_POLICY_NONE: 'BARGE_IN_POLICY_NONE',
  /**
   * Interrupt after the callee has spoken for at least `min_speech_ms`.
   */
  BARGE_IN_POLICY_SPEECH: 'BARGE_IN_POLICY_SPEECH',
  /**
   * Interrupt only when a transcript matches a refusal or priority keyword; backchannels never interrupt.
   */
  BARGE_IN_POLICY_KEYWORDS: 'BARGE_IN_POLICY_KEYWORDS',
} as const;

/**
 * When a prompt may be interrupted by the callee (barge-in).
 */
export type BargeInPolicy =
  | 'BARGE_IN_POLICY_UNSPECIFIED'
  | 0
  /**
   * Never interrupt (legal disclosures); the callee's speech is still transcribed.
   */
  | 'BARGE_IN_POLICY_NONE'
  | 1
  /**
   * Interrupt after the callee has spoken for at least `min_speech_ms`.
   */
  | 'BARGE_IN_POLICY_SPEECH'
  | 2
  /**
   * Interrupt only when a transcript matches a refusal or priority keyword; backchannels never interrupt.
   */
  | 'BARGE_IN_POLICY_KEYWORDS'
  | 3

/**
 * When a prompt may be interrupted by the callee (barge-in).
 */
export type BargeInPolicy__Output = typeof BargeInPolicy[keyof typeof BargeInPolicy]
