// Original file: /work/main/proto/voicebot/v1/call_session.proto

import type { BargeInPolicy as _voicebot_v1_BargeInPolicy, BargeInPolicy__Output as _voicebot_v1_BargeInPolicy__Output } from '../../voicebot/v1/BargeInPolicy.ts';

/**
 * Queue a prompt recording for playback.
 */
export interface PlayPrompt {
  /**
   * Unique id of this playback, echoed in marks and interruptions.
   */
  'play_id'?: (string);
  /**
   * Recording id in the prompt library of the script (e.g. "open_1").
   */
  'prompt_id'?: (string);
  /**
   * Text of the prompt (for logs, records, TTS fallback).
   */
  'text'?: (string);
  'barge_in'?: (_voicebot_v1_BargeInPolicy);
  /**
   * For BARGE_IN_POLICY_SPEECH: minimum speech before interrupting, in ms (0 = media default).
   */
  'min_speech_ms'?: (number);
  /**
   * For BARGE_IN_POLICY_KEYWORDS: words that interrupt when seen in a partial/final transcript.
   */
  'interrupt_keywords'?: (string)[];
  /**
   * Silence after the prompt ends before a SilenceTimeout event, in ms (0 = media default).
   */
  'no_input_timeout_ms'?: (number);
  /**
   * Script (and version) the prompt belongs to, so media finds the right recording set.
   */
  'script_id'?: (string);
}

/**
 * Queue a prompt recording for playback.
 */
export interface PlayPrompt__Output {
  /**
   * Unique id of this playback, echoed in marks and interruptions.
   */
  'play_id': (string);
  /**
   * Recording id in the prompt library of the script (e.g. "open_1").
   */
  'prompt_id': (string);
  /**
   * Text of the prompt (for logs, records, TTS fallback).
   */
  'text': (string);
  'barge_in': (_voicebot_v1_BargeInPolicy__Output);
  /**
   * For BARGE_IN_POLICY_SPEECH: minimum speech before interrupting, in ms (0 = media default).
   */
  'min_speech_ms': (number);
  /**
   * For BARGE_IN_POLICY_KEYWORDS: words that interrupt when seen in a partial/final transcript.
   */
  'interrupt_keywords': (string)[];
  /**
   * Silence after the prompt ends before a SilenceTimeout event, in ms (0 = media default).
   */
  'no_input_timeout_ms': (number);
  /**
   * Script (and version) the prompt belongs to, so media finds the right recording set.
   */
  'script_id': (string);
}
