// Original file: /work/main/proto/voicebot/v1/dialer.proto


export interface CheckDoNotCallRequest {
  'phone'?: (string);
  'default_region'?: (string);
}

export interface CheckDoNotCallRequest__Output {
  'phone': (string);
  'default_region': (string);
}
