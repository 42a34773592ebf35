// Original file: /work/main/proto/voicebot/v1/dialogue.proto

import type { SimulatedStep as _voicebot_v1_SimulatedStep, SimulatedStep__Output as _voicebot_v1_SimulatedStep__Output } from '../../voicebot/v1/SimulatedStep.ts';
import type { Grade as _voicebot_v1_Grade, Grade__Output as _voicebot_v1_Grade__Output } from '../../voicebot/v1/Grade.ts';

export interface SimulateResponse {
  'steps'?: (_voicebot_v1_SimulatedStep)[];
  'grade'?: (_voicebot_v1_Grade);
  'grade_reason'?: (string);
  'consent'?: (boolean);
  'opted_out'?: (boolean);
  'path'?: (string)[];
  'slots'?: ({[key: string]: string});
  'end_reason'?: (string);
}

export interface SimulateResponse__Output {
  'steps': (_voicebot_v1_SimulatedStep__Output)[];
  'grade': (_voicebot_v1_Grade__Output);
  'grade_reason': (string);
  'consent': (boolean);
  'opted_out': (boolean);
  'path': (string)[];
  'slots': ({[key: string]: string});
  'end_reason': (string);
}
