// Original file: /work/main/proto/voicebot/v1/common.proto

/**
 * Final outcome of a dial attempt as the dialer records it.
 */
export const CallOutcome = {
  CALL_OUTCOME_UNSPECIFIED: 'CALL_OUTCOME_UNSPECIFIED',
  /**
   * A human answered and the robot talked to them.
   */
  CALL_OUTCOME_ANSWERED: 'CALL_OUTCOME_ANSWERED',
  CALL_OUTCOME_BUSY: 'CALL_OUTCOME_BUSY',
  CALL_OUTCOME_NO_ANSWER: 'CALL_OUTCOME_NO_ANSWER',
  /**
   * Answering machine / voicemail detected by the carrier.
   */
  CALL_OUTCOME_MACHINE: 'CALL_OUTCOME_MACHINE',
  /**
   * The carrier rejected or failed the call.
   */
  CALL_OUTCOME_FAILED: 'CALL_OUTCOME_FAILED',
  /**
   * A human answered but no robot slot was free in time; identification message played.
   */
  CALL_OUTCOME_ABANDONED: 'CALL_OUTCOME_ABANDONED',
} as const;

/**
 * Final outcome of a dial attempt as the dialer records it.
 */
export type CallOutcome =
  | 'CALL_OUTCOME_UNSPECIFIED'
  | 0
  /**
   * A human answered and the robot talked to them.
   */
  | 'CALL_OUTCOME_ANSWERED'
  | 1
  | 'CALL_OUTCOME_BUSY'
  | 2
  | 'CALL_OUTCOME_NO_ANSWER'
  | 3
  /**
   * Answering machine / voicemail detected by the carrier.
   */
  | 'CALL_OUTCOME_MACHINE'
  | 4
  /**
   * The carrier rejected or failed the call.
   */
  | 'CALL_OUTCOME_FAILED'
  | 5
  /**
   * A human answered but no robot slot was free in time; identification message played.
   */
  | 'CALL_OUTCOME_ABANDONED'
  | 6

/**
 * Final outcome of a dial attempt as the dialer records it.
 */
export type CallOutcome__Output = typeof CallOutcome[keyof typeof CallOutcome]
