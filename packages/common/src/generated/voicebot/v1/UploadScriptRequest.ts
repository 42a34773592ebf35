// Original file: /work/main/proto/voicebot/v1/dialogue.proto


export interface UploadScriptRequest {
  /**
   * Script id (stable across versions), e.g. "loan-zh".
   */
  'script_id'?: (string);
  /**
   * Script source text (YAML or JSON).
   */
  'source'?: (string);
}

export interface UploadScriptRequest__Output {
  /**
   * Script id (stable across versions), e.g. "loan-zh".
   */
  'script_id': (string);
  /**
   * Script source text (YAML or JSON).
   */
  'source': (string);
}
