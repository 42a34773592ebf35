// Original file: /work/main/proto/voicebot/v1/common.proto

/**
 * Who ended a call.
 */
export const HangupParty = {
  HANGUP_PARTY_UNSPECIFIED: 'HANGUP_PARTY_UNSPECIFIED',
  /**
   * The callee hung up (carrier `stop`, socket closed by the peer).
   */
  HANGUP_PARTY_CALLEE: 'HANGUP_PARTY_CALLEE',
  /**
   * The robot hung up after a script decision.
   */
  HANGUP_PARTY_ROBOT: 'HANGUP_PARTY_ROBOT',
  /**
   * The carrier or network ended the call (error, timeout).
   */
  HANGUP_PARTY_NETWORK: 'HANGUP_PARTY_NETWORK',
  /**
   * The media service ended it (drain deadline, internal error).
   */
  HANGUP_PARTY_SYSTEM: 'HANGUP_PARTY_SYSTEM',
} as const;

/**
 * Who ended a call.
 */
export type HangupParty =
  | 'HANGUP_PARTY_UNSPECIFIED'
  | 0
  /**
   * The callee hung up (carrier `stop`, socket closed by the peer).
   */
  | 'HANGUP_PARTY_CALLEE'
  | 1
  /**
   * The robot hung up after a script decision.
   */
  | 'HANGUP_PARTY_ROBOT'
  | 2
  /**
   * The carrier or network ended the call (error, timeout).
   */
  | 'HANGUP_PARTY_NETWORK'
  | 3
  /**
   * The media service ended it (drain deadline, internal error).
   */
  | 'HANGUP_PARTY_SYSTEM'
  | 4

/**
 * Who ended a call.
 */
export type HangupParty__Output = typeof HangupParty[keyof typeof HangupParty]
