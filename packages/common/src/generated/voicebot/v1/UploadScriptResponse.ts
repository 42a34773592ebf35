// Original file: /work/main/proto/voicebot/v1/dialogue.proto

import type { ScriptProblem as _voicebot_v1_ScriptProblem, ScriptProblem__Output as _voicebot_v1_ScriptProblem__Output } from '../../voicebot/v1/ScriptProblem.ts';

export interface UploadScriptResponse {
  'script_id'?: (string);
  /**
   * Version assigned to this upload (1, 2, ...).
   */
  'version'?: (number);
  /**
   * Warnings (errors reject the upload instead).
   */
  'problems'?: (_voicebot_v1_ScriptProblem)[];
}

export interface UploadScriptResponse__Output {
  'script_id': (string);
  /**
   * Version assigned to this upload (1, 2, ...).
   */
  'version': (number);
  /**
   * Warnings (errors reject the upload instead).
   */
  'problems': (_voicebot_v1_ScriptProblem__Output)[];
}
