// Original file: /work/main/proto/voicebot/v1/dialer.proto


export interface ReportAck {
  'accepted'?: (boolean);
}

export interface ReportAck__Output {
  'accepted': (boolean);
}
