// Original file: /work/main/proto/voicebot/v1/dialogue.proto

import type { ScriptProblem as _voicebot_v1_ScriptProblem, ScriptProblem__Output as _voicebot_v1_ScriptProblem__Output } from '../../voicebot/v1/ScriptProblem.ts';

export interface ValidateScriptResponse {
  'ok'?: (boolean);
  'problems'?: (_voicebot_v1_ScriptProblem)[];
}

export interface ValidateScriptResponse__Output {
  'ok': (boolean);
  'problems': (_voicebot_v1_ScriptProblem__Output)[];
}
