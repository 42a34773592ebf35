// Original file: /work/main/proto/voicebot/v1/dialogue.proto

import type { FunnelNode as _voicebot_v1_FunnelNode, FunnelNode__Output as _voicebot_v1_FunnelNode__Output } from '../../voicebot/v1/FunnelNode.ts';
import type { GradeCount as _voicebot_v1_GradeCount, GradeCount__Output as _voicebot_v1_GradeCount__Output } from '../../voicebot/v1/GradeCount.ts';

export interface GetFunnelResponse {
  'nodes'?: (_voicebot_v1_FunnelNode)[];
  'grades'?: (_voicebot_v1_GradeCount)[];
  'calls'?: (number);
}

export interface GetFunnelResponse__Output {
  'nodes': (_voicebot_v1_FunnelNode__Output)[];
  'grades': (_voicebot_v1_GradeCount__Output)[];
  'calls': (number);
}
