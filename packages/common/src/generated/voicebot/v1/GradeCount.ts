// Original file: /work/main/proto/voicebot/v1/dialogue.proto

import type { Grade as _voicebot_v1_Grade, Grade__Output as _voicebot_v1_Grade__Output } from '../../voicebot/v1/Grade.ts';

export interface GradeCount {
  'grade'?: (_voicebot_v1_Grade);
  'count'?: (number);
}

export interface GradeCount__Output {
  'grade': (_voicebot_v1_Grade__Output);
  'count': (number);
}
