// Original file: /work/main/proto/voicebot/v1/dialogue.proto

import type { Grade as _voicebot_v1_Grade, Grade__Output as _voicebot_v1_Grade__Output } from '../../voicebot/v1/Grade.ts';
import type { Turn as _voicebot_v1_Turn, Turn__Output as _voicebot_v1_Turn__Output } from '../../voicebot/v1/Turn.ts';
import type { Consent as _voicebot_v1_Consent, Consent__Output as _voicebot_v1_Consent__Output } from '../../voicebot/v1/Consent.ts';
import type { HangupParty as _voicebot_v1_HangupParty, HangupParty__Output as _voicebot_v1_HangupParty__Output } from '../../voicebot/v1/HangupParty.ts';
import type { Long } from '@grpc/proto-loader';

export interface CallRecord {
  'call_id'?: (string);
  'campaign_id'?: (string);
  'lead_id'?: (string);
  'script_id'?: (string);
  'script_version'?: (number);
  'grade'?: (_voicebot_v1_Grade);
  /**
   * Why the grade was given (the grading rule that matched).
   */
  'grade_reason'?: (string);
  'turns'?: (_voicebot_v1_Turn)[];
  /**
   * Slots filled by side dialogues, e.g. purpose=装修.
   */
  'slots'?: ({[key: string]: string});
  /**
   * Verbal consent, when given.
   */
  'consent'?: (_voicebot_v1_Consent | null);
  'opted_out'?: (boolean);
  /**
   * Why the call ended: "completed", "opt_out", "refused", "silence", "callee_hangup", ...
   */
  'end_reason'?: (string);
  'hangup_party'?: (_voicebot_v1_HangupParty);
  /**
   * Talk time in ms (stream time at the end).
   */
  'talk_ms'?: (number);
  /**
   * Unix milliseconds.
   */
  'started_at_ms'?: (number | string | Long);
  'ended_at_ms'?: (number | string | Long);
  /**
   * Path of node ids visited in order.
   */
  'path'?: (string)[];
  /**
   * Transfer target when the call was handed to a human.
   */
  'transferred_to'?: (string);
}

export interface CallRecord__Output {
  'call_id': (string);
  'campaign_id': (string);
  'lead_id': (string);
  'script_id': (string);
  'script_version': (number);
  'grade': (_voicebot_v1_Grade__Output);
  /**
   * Why the grade was given (the grading rule that matched).
   */
  'grade_reason': (string);
  'turns': (_voicebot_v1_Turn__Output)[];
  /**
   * Slots filled by side dialogues, e.g. purpose=装修.
   */
  'slots': ({[key: string]: string});
  /**
   * Verbal consent, when given.
   */
  'consent': (_voicebot_v1_Consent__Output | null);
  'opted_out': (boolean);
  /**
   * Why the call ended: "completed", "opt_out", "refused", "silence", "callee_hangup", ...
   */
  'end_reason': (string);
  'hangup_party': (_voicebot_v1_HangupParty__Output);
  /**
   * Talk time in ms (stream time at the end).
   */
  'talk_ms': (number);
  /**
   * Unix milliseconds.
   */
  'started_at_ms': (number);
  'ended_at_ms': (number);
  /**
   * Path of node ids visited in order.
   */
  'path': (string)[];
  /**
   * Transfer target when the call was handed to a human.
   */
  'transferred_to': (string);
}
