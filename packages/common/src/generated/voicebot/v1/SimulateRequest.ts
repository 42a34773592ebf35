// Original file: /work/main/proto/voicebot/v1/dialogue.proto


export interface SimulateRequest {
  'script_id'?: (string);
  /**
   * 0 = latest version.
   */
  'version'?: (number);
  /**
   * Callee replies in order; each is the answer to the next prompt; "" means silence.
   */
  'utterances'?: (string)[];
  /**
   * Optional: source to simulate instead of a stored script.
   */
  'source'?: (string);
}

export interface SimulateRequest__Output {
  'script_id': (string);
  /**
   * 0 = latest version.
   */
  'version': (number);
  /**
   * Callee replies in order; each is the answer to the next prompt; "" means silence.
   */
  'utterances': (string)[];
  /**
   * Optional: source to simulate instead of a stored script.
   */
  'source': (string);
}
