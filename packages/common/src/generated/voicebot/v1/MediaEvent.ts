// Original file: /work/main/proto/voicebot/v1/call_session.proto

import type { CallStarted as _voicebot_v1_CallStarted, CallStarted__Output as _voicebot_v1_CallStarted__Output } from '../../voicebot/v1/CallStarted.ts';
import type { SpeechStarted as _voicebot_v1_SpeechStarted, SpeechStarted__Output as _voicebot_v1_SpeechStarted__Output } from '../../voicebot/v1/SpeechStarted.ts';
import type { Transcript as _voicebot_v1_Transcript, Transcript__Output as _voicebot_v1_Transcript__Output } from '../../voicebot/v1/Transcript.ts';
import type { Dtmf as _voicebot_v1_Dtmf, Dtmf__Output as _voicebot_v1_Dtmf__Output } from '../../voicebot/v1/Dtmf.ts';
import type { PlaybackMark as _voicebot_v1_PlaybackMark, PlaybackMark__Output as _voicebot_v1_PlaybackMark__Output } from '../../voicebot/v1/PlaybackMark.ts';
import type { PlaybackInterrupted as _voicebot_v1_PlaybackInterrupted, PlaybackInterrupted__Output as _voicebot_v1_PlaybackInterrupted__Output } from '../../voicebot/v1/PlaybackInterrupted.ts';
import type { SilenceTimeout as _voicebot_v1_SilenceTimeout, SilenceTimeout__Output as _voicebot_v1_SilenceTimeout__Output } from '../../voicebot/v1/SilenceTimeout.ts';
import type { CallEnded as _voicebot_v1_CallEnded, CallEnded__Output as _voicebot_v1_CallEnded__Output } from '../../voicebot/v1/CallEnded.ts';
import type { SpeechStopped as _voicebot_v1_SpeechStopped, SpeechStopped__Output as _voicebot_v1_SpeechStopped__Output } from '../../voicebot/v1/SpeechStopped.ts';
import type { Long } from '@grpc/proto-loader';

export interface MediaEvent {
  /**
   * Call id assigned by the dialer (idempotency key of the dial attempt).
   */
  'call_id'?: (string);
  /**
   * Strictly increasing per call, starting at 1; lets the dialogue service drop duplicates.
   */
  'seq'?: (number | string | Long);
  /**
   * Stream time (ms) at which the event happened.
   */
  'stream_time_ms'?: (number);
  'call_started'?: (_voicebot_v1_CallStarted | null);
  'speech_started'?: (_voicebot_v1_SpeechStarted | null);
  'partial_transcript'?: (_voicebot_v1_Transcript | null);
  'final_transcript'?: (_voicebot_v1_Transcript | null);
  'dtmf'?: (_voicebot_v1_Dtmf | null);
  'playback_mark'?: (_voicebot_v1_PlaybackMark | null);
  'playback_interrupted'?: (_voicebot_v1_PlaybackInterrupted | null);
  'silence_timeout'?: (_voicebot_v1_SilenceTimeout | null);
  'call_ended'?: (_voicebot_v1_CallEnded | null);
  'speech_stopped'?: (_voicebot_v1_SpeechStopped | null);
  'event'?: "call_started"|"speech_started"|"partial_transcript"|"final_transcript"|"dtmf"|"playback_mark"|"playback_interrupted"|"silence_timeout"|"call_ended"|"speech_stopped";
}

export interface MediaEvent__Output {
  /**
   * Call id assigned by the dialer (idempotency key of the dial attempt).
   */
  'call_id': (string);
  /**
   * Strictly increasing per call, starting at 1; lets the dialogue service drop duplicates.
   */
  'seq': (number);
  /**
   * Stream time (ms) at which the event happened.
   */
  'stream_time_ms': (number);
  'call_started'?: (_voicebot_v1_CallStarted__Output | null);
  'speech_started'?: (_voicebot_v1_SpeechStarted__Output | null);
  'partial_transcript'?: (_voicebot_v1_Transcript__Output | null);
  'final_transcript'?: (_voicebot_v1_Transcript__Output | null);
  'dtmf'?: (_voicebot_v1_Dtmf__Output | null);
  'playback_mark'?: (_voicebot_v1_PlaybackMark__Output | null);
  'playback_interrupted'?: (_voicebot_v1_PlaybackInterrupted__Output | null);
  'silence_timeout'?: (_voicebot_v1_SilenceTimeout__Output | null);
  'call_ended'?: (_voicebot_v1_CallEnded__Output | null);
  'speech_stopped'?: (_voicebot_v1_SpeechStopped__Output | null);
  'event'?: "call_started"|"speech_started"|"partial_transcript"|"final_transcript"|"dtmf"|"playback_mark"|"playback_interrupted"|"silence_timeout"|"call_ended"|"speech_stopped";
}
