// Original file: /work/main/proto/voicebot/v1/call_session.proto

import type { PlayPrompt as _voicebot_v1_PlayPrompt, PlayPrompt__Output as _voicebot_v1_PlayPrompt__Output } from '../../voicebot/v1/PlayPrompt.ts';
import type { StopPlayback as _voicebot_v1_StopPlayback, StopPlayback__Output as _voicebot_v1_StopPlayback__Output } from '../../voicebot/v1/StopPlayback.ts';
import type { HangUp as _voicebot_v1_HangUp, HangUp__Output as _voicebot_v1_HangUp__Output } from '../../voicebot/v1/HangUp.ts';
import type { Transfer as _voicebot_v1_Transfer, Transfer__Output as _voicebot_v1_Transfer__Output } from '../../voicebot/v1/Transfer.ts';
import type { Long } from '@grpc/proto-loader';

export interface DialogueCommand {
  'call_id'?: (string);
  /**
   * Strictly increasing per call, starting at 1.
   */
  'seq'?: (number | string | Long);
  /**
   * Sequence number of the media event this command answers (0 when unsolicited).
   */
  'in_reply_to'?: (number | string | Long);
  'play_prompt'?: (_voicebot_v1_PlayPrompt | null);
  'stop_playback'?: (_voicebot_v1_StopPlayback | null);
  'hang_up'?: (_voicebot_v1_HangUp | null);
  'transfer'?: (_voicebot_v1_Transfer | null);
  'command'?: "play_prompt"|"stop_playback"|"hang_up"|"transfer";
}

export interface DialogueCommand__Output {
  'call_id': (string);
  /**
   * Strictly increasing per call, starting at 1.
   */
  'seq': (number);
  /**
   * Sequence number of the media event this command answers (0 when unsolicited).
   */
  'in_reply_to': (number);
  'play_prompt'?: (_voicebot_v1_PlayPrompt__Output | null);
  'stop_playback'?: (_voicebot_v1_StopPlayback__Output | null);
  'hang_up'?: (_voicebot_v1_HangUp__Output | null);
  'transfer'?: (_voicebot_v1_Transfer__Output | null);
  'command'?: "play_prompt"|"stop_playback"|"hang_up"|"transfer";
}
