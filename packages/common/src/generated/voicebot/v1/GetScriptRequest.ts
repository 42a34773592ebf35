// Original file: /work/main/proto/voicebot/v1/dialogue.proto


export interface GetScriptRequest {
  'script_id'?: (string);
  /**
   * 0 = latest.
   */
  'version'?: (number);
}

export interface GetScriptRequest__Output {
  'script_id': (string);
  /**
   * 0 = latest.
   */
  'version': (number);
}
