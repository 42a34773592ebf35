// Original file: /work/main/proto/voicebot/v1/call_session.proto

import type { HangupParty as _voicebot_v1_HangupParty, HangupParty__Output as _voicebot_v1_HangupParty__Output } from '../../voicebot/v1/HangupParty.ts';

/**
 * The call is over; no more events follow.
 */
export interface CallEnded {
  'party'?: (_voicebot_v1_HangupParty);
  /**
   * Free text reason: "carrier_stop", "socket_closed", "robot_hangup", "drain", "error: ...".
   */
  'reason'?: (string);
  /**
   * Total stream time in ms.
   */
  'duration_ms'?: (number);
  /**
   * Ms from the carrier's stream start (answer) to the robot's first audio frame sent.
   */
  'answer_to_audio_ms'?: (number);
}

/**
 * The call is over; no more events follow.
 */
export interface CallEnded__Output {
  'party': (_voicebot_v1_HangupParty__Output);
  /**
   * Free text reason: "carrier_stop", "socket_closed", "robot_hangup", "drain", "error: ...".
   */
  'reason': (string);
  /**
   * Total stream time in ms.
   */
  'duration_ms': (number);
  /**
   * Ms from the carrier's stream start (answer) to the robot's first audio frame sent.
   */
  'answer_to_audio_ms': (number);
}
