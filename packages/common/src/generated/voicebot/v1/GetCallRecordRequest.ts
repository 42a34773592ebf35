// Original file: /work/main/proto/voicebot/v1/dialogue.proto


export interface GetCallRecordRequest {
  'call_id'?: (string);
}

export interface GetCallRecordRequest__Output {
  'call_id': (string);
}
