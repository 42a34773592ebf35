// Original file: /work/main/proto/voicebot/v1/dialogue.proto


export interface ValidateScriptRequest {
  'source'?: (string);
}

export interface ValidateScriptRequest__Output {
  'source': (string);
}
