// Original file: /work/main/proto/voicebot/v1/dialer.proto


export interface AddDoNotCallResponse {
  'phone_e164'?: (string);
}

export interface AddDoNotCallResponse__Output {
  'phone_e164': (string);
}
