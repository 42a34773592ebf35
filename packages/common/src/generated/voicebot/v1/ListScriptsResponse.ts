// Original file: /work/main/proto/voicebot/v1/dialogue.proto

import type { ScriptSummary as _voicebot_v1_ScriptSummary, ScriptSummary__Output as _voicebot_v1_ScriptSummary__Output } from '../../voicebot/v1/ScriptSummary.ts';

export interface ListScriptsResponse {
  'scripts'?: (_voicebot_v1_ScriptSummary)[];
}

export interface ListScriptsResponse__Output {
  'scripts': (_voicebot_v1_ScriptSummary__Output)[];
}
