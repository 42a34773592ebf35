// Original file: /work/main/proto/voicebot/v1/dialogue.proto

import type { CallRecord as _voicebot_v1_CallRecord, CallRecord__Output as _voicebot_v1_CallRecord__Output } from '../../voicebot/v1/CallRecord.ts';

export interface ListCallRecordsResponse {
  'records'?: (_voicebot_v1_CallRecord)[];
  'next_page_token'?: (string);
}

export interface ListCallRecordsResponse__Output {
  'records': (_voicebot_v1_CallRecord__Output)[];
  'next_page_token': (string);
}
