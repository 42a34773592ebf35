// Original file: /work/main/proto/voicebot/v1/dialogue.proto


export interface GetScriptResponse {
  'script_id'?: (string);
  'version'?: (number);
  'source'?: (string);
}

export interface GetScriptResponse__Output {
  'script_id': (string);
  'version': (number);
  'source': (string);
}
